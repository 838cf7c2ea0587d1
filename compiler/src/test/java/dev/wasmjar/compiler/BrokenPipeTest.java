package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A guest writing to a stdout that has gone away (a stream that starts failing, a pipe whose
 * reader closed, the CLI's stdout piped into {@code head}) sees the stream error and exits;
 * nothing hangs. The timeouts only catch a hang: none of this is timed.
 */
class BrokenPipeTest {
    /** Generous: a run that ends at all ends in well under a second. */
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final int ACCEPTED = 10_000;

    /** What the guest reports on stderr when its stdout fails (see testdata/faults/*.c). */
    private static final Pattern WASI_0_2_REPORT = Pattern.compile(
            "write-forever: stdout failed after (\\d+) bytes: last-operation-failed: write failed: (.*); the next write: closed\n");
    private static final Pattern PREVIEW1_REPORT = Pattern.compile(
            "write-forever: stdout failed after (\\d+) bytes: errno 29 \\(I/O error\\); the next write: errno 64 \\(Broken pipe\\)\n");

    /** Accepts {@code limit} bytes in whole writes, then fails every write as a closed pipe does. */
    static final class FailingOutputStream extends OutputStream {
        private final int limit;
        private long accepted;
        private int failures;

        FailingOutputStream(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (accepted + len > limit) {
                failures++;
                throw new IOException("simulated broken pipe");
            }
            accepted += len;
        }
    }

    private static GuestRun writeForever(FaultGuests guest, OutputStream stdout) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        GuestRun r = GuestRun.of(guest.module(), new ByteArrayInputStream(new byte[0]),
                c -> c.args(guest.programName(), "write-forever").stdout(stdout).stderr(err));
        r.stderr = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    private static Matcher report(FaultGuests guest, String stderr) {
        Matcher m = (guest == FaultGuests.WASI_0_2 ? WASI_0_2_REPORT : PREVIEW1_REPORT).matcher(stderr);
        assertTrue(m.matches(), "the guest's report on stderr: " + stderr);
        return m;
    }

    private static int exitCodeOfWriteForever(FaultGuests guest) {
        return guest == FaultGuests.WASI_0_2 ? 1 : 3;
    }

    /**
     * The first failing write is {@code last-operation-failed} carrying the host's message (EIO
     * for preview1), every later one {@code closed} (EPIPE): the guest stops writing and exits.
     */
    @ParameterizedTest
    @EnumSource(FaultGuests.class)
    void aStdoutThatStartsFailingEndsTheGuestsWriting(FaultGuests guest) {
        FailingOutputStream stdout = new FailingOutputStream(ACCEPTED);
        GuestRun r = assertTimeoutPreemptively(HANG, () -> writeForever(guest, stdout));
        assertNull(r.failure, "the guest exits, it does not trap");
        assertEquals(exitCodeOfWriteForever(guest), r.exitCode, r.stderr);
        Matcher m = report(guest, r.stderr);
        assertEquals(ACCEPTED / 4096 * 4096, Long.parseLong(m.group(1)), "bytes written before the failure");
        if (guest == FaultGuests.WASI_0_2) {
            assertEquals("simulated broken pipe", m.group(2), "the error resource carries the host's message");
        }
        assertEquals(1, stdout.failures, "after the failure the host reports closed without writing again");
    }

    /** A {@link PipedOutputStream} whose reader read a little and closed: the JVM's own broken pipe. */
    @ParameterizedTest
    @EnumSource(FaultGuests.class)
    void aPipeWhoseReaderClosedEndsTheGuestsWriting(FaultGuests guest) throws Exception {
        PipedInputStream reader = new PipedInputStream(1 << 16);
        PipedOutputStream stdout = new PipedOutputStream(reader);
        Thread head = new Thread(() -> {
            try {
                reader.readNBytes(10);
                reader.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "head -c 10");
        head.start();
        GuestRun r = assertTimeoutPreemptively(HANG, () -> writeForever(guest, stdout));
        head.join();
        assertNull(r.failure, "the guest exits, it does not trap");
        assertEquals(exitCodeOfWriteForever(guest), r.exitCode, r.stderr);
        Matcher m = report(guest, r.stderr);
        assertTrue(Long.parseLong(m.group(1)) >= 4096, "the first write reached the reader");
        if (guest == FaultGuests.WASI_0_2) {
            assertEquals("Pipe closed", m.group(2));
        }
    }

    /**
     * {@code wasmjar run PROGRAM write-forever | head -c 10}: the JVM ignores SIGPIPE, so the
     * guest sees the failed write (EPIPE from the OS), reports it and exits with its own code;
     * the CLI adds no stack trace or message of its own.
     */
    @ParameterizedTest
    @EnumSource(FaultGuests.class)
    void theCliPipedIntoHeadEndsWithTheGuestsExitCode(FaultGuests guest) throws Exception {
        File errFile = File.createTempFile("wasmjar-broken-pipe", ".err");
        try {
            Process p = new ProcessBuilder(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "dev.wasmjar.compiler.internal.cli.Cli", "run", guest.wasm().toString(), "write-forever"))
                    .redirectError(errFile).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            InputStream out = p.getInputStream();
            byte[] head = out.readNBytes(10);
            out.close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI ended after its stdout closed");
            String stderr = Files.readString(errFile.toPath(), StandardCharsets.UTF_8);
            assertEquals("yyyyyyyyyy", new String(head, StandardCharsets.US_ASCII));
            assertEquals(exitCodeOfWriteForever(guest), p.exitValue(), stderr);
            if (guest == FaultGuests.WASI_0_2) {
                Matcher m = report(guest, stderr);
                assertEquals("Broken pipe", m.group(2), "the OS's error, passed on");
            } else {
                // The OS reports EPIPE, which the host passes on as EIO, then as closed (EPIPE).
                report(guest, stderr);
            }
            assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
        } finally {
            Files.deleteIfExists(errFile.toPath());
        }
    }

    @Test
    void theFailingStreamOfTheseTestsFailsOnlyPastItsLimit() throws IOException {
        FailingOutputStream s = new FailingOutputStream(8);
        s.write(new byte[8], 0, 8);
        assertEquals(0, s.failures);
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> s.write(1))
                .getMessage().contains("broken pipe"));
        assertEquals(1, s.failures);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
