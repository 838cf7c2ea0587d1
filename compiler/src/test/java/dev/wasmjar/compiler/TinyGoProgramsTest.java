package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real TinyGo wasip2 components (testdata/tinygo: Go source beside the .wasm) through the
 * Java API: compile in memory, instantiate with the WASI host, run, check stdio and exit code.
 */
class TinyGoProgramsTest {
    private static final Path PROGRAMS = Path.of("..", "testdata", "tinygo");
    private static final Map<String, CompiledModule> COMPILED = new ConcurrentHashMap<>();

    private static CompiledModule program(String name) {
        return COMPILED.computeIfAbsent(name, n -> {
            try {
                byte[] wasm = Files.readAllBytes(PROGRAMS.resolve(n).resolve(n + ".wasm"));
                return WasmCompiler.builder().className("tinygo." + n + ".Program").build().compile(wasm);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String expected(String name, String file) throws IOException {
        return Files.readString(PROGRAMS.resolve(name).resolve(file));
    }

    /** Runs {@code name} on the calling thread with stdio captured; {@code setup} adds to the config. */
    private static GuestRun run(String name, InputStream stdin, Consumer<WasiConfig.Builder> setup) {
        return GuestRun.of(program(name), stdin, setup);
    }

    private static InputStream noInput() {
        return new ByteArrayInputStream(new byte[0]);
    }

    @Test
    void argsAndEnvironmentReachTheGuest() throws IOException {
        GuestRun r = run("env", noInput(), c -> c.args("env", "x", "y z").env("GREETING", "hello jvm").env("LANG", "C.UTF-8"));
        assertEquals(null, r.failure);
        assertEquals(0, r.exitCode);
        assertEquals(expected("env", "expected.stdout"), r.out());
    }

    @Test
    void stdinIsReadLineByLine() throws IOException {
        byte[] input = Files.readAllBytes(PROGRAMS.resolve("echo").resolve("input.txt"));
        GuestRun r = run("echo", new ByteArrayInputStream(input), c -> c.args("echo"));
        assertEquals(0, r.exitCode);
        assertEquals(expected("echo", "expected.stdout"), r.out());
    }

    @Test
    void binaryStdinIsCopiedToStdoutUnchanged() {
        byte[] data = new byte[3_000_000];
        new Random(42).nextBytes(data);
        GuestRun r = run("cat", new ByteArrayInputStream(data), c -> c.args("cat"));
        assertEquals(0, r.exitCode, r.stderr);
        assertArrayEquals(data, r.stdout);
        assertTrue(r.stderr.contains("copied 3000000 bytes"), r.stderr);
    }

    /**
     * The two-thread design: the guest blocks waiting for stdin on its own thread; this thread
     * feeds it chunk by chunk and reads each echoed chunk back before sending the next, so every
     * step needs the blocked guest to be woken by the host and its output to flow while it runs.
     */
    @Test
    void javaThreadStreamsIntoARunningGuestAndReadsItsOutputConcurrently() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            PipedOutputStream toGuest = new PipedOutputStream();
            PipedInputStream guestStdin = new PipedInputStream(toGuest, 1 << 16);
            PipedInputStream fromGuest = new PipedInputStream(1 << 16);
            PipedOutputStream guestStdout = new PipedOutputStream(fromGuest);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WasiConfig config = WasiConfig.builder().args("cat").stdin(guestStdin).stdout(guestStdout).stderr(err).build();

            ExecutorService guestThread = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> exit = guestThread.submit(() -> {
                    try (WasiHost host = WasiHost.create(config)) {
                        int code = host.run(program("cat").instantiate(host.imports()));
                        guestStdout.close();
                        return code;
                    }
                });
                Random random = new Random(7);
                long total = 0;
                for (int round = 0; round < 200; round++) {
                    byte[] chunk = new byte[1 + random.nextInt(3000)];
                    random.nextBytes(chunk);
                    toGuest.write(chunk);
                    toGuest.flush();
                    byte[] echoed = fromGuest.readNBytes(chunk.length);
                    assertArrayEquals(chunk, echoed, "round " + round);
                    total += chunk.length;
                }
                toGuest.close();
                assertEquals(-1, fromGuest.read(), "nothing after the echoed data");
                assertEquals(0, exit.get());
                assertTrue(err.toString(StandardCharsets.UTF_8).contains("copied " + total + " bytes"), err.toString());
            } finally {
                guestThread.shutdownNow();
            }
        });
    }

    @Test
    void sleepsReallyBlockForTheirDuration() throws IOException {
        long start = System.nanoTime();
        // the program's own margins (500 ms overshoot, 1 s for 50 concurrent sleeps) grow 10x with
        // a clock 10x slower than real time, so a cold JVM on a loaded machine keeps them
        GuestRun r = run("sleep", noInput(), c -> GuestRun.slowTime(c.args("sleep"), 10));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, r.exitCode);
        assertEquals(expected("sleep", "expected.stdout"), r.out());
        assertTrue(ms >= 1810, "the four sequential sleeps alone take 181 ms of a 10x slowed clock, the run took " + ms);
    }

    @Test
    void goroutinesChannelsAndTimers() throws IOException {
        // "order: 10 20 30" depends on when each sleep started: see GuestRun.slowTime
        GuestRun r = run("goroutines", noInput(), c -> GuestRun.slowTime(c.args("goroutines"), 20));
        assertEquals(0, r.exitCode);
        assertEquals(expected("goroutines", "expected.stdout"), r.out());
    }

    @Test
    void filesInAPreopenedDirectory(@TempDir Path tmp) throws IOException {
        Path data = tmp.resolve("data");
        copyTree(PROGRAMS.resolve("files").resolve("fixture"), data);
        GuestRun r = run("files", noInput(), c -> c.args("files").preopen(data, "/data", false));
        assertEquals(null, r.failure);
        assertEquals(0, r.exitCode, r.stderr);
        assertEquals(expected("files", "expected.stdout"), r.out());
    }

    @Test
    void nonZeroExitCode() throws IOException {
        GuestRun r = run("exitcode", noInput(), c -> c.args("exitcode"));
        assertEquals(null, r.failure);
        assertEquals(1, r.exitCode);
        assertEquals(expected("exitcode", "expected.stdout"), r.out());
    }

    @Test
    void panicTrapsWithAWasmBacktrace() throws IOException {
        GuestRun r = run("panic", noInput(), c -> c.args("panic", "custom"));
        assertNotNull(r.failure, "a Go panic must trap");
        Trap trap = (Trap) r.failure;
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals(expected("panic", "expected-custom.stdout"), r.out());
        List<String> frames = trap.wasmBacktrace();
        assertTrue(frames.contains("runtime._panic"), "backtrace: " + frames);
        assertTrue(frames.contains("runtime.run$1"), "backtrace: " + frames);
        boolean goNamedJavaFrame = Arrays.stream(trap.getStackTrace())
                .anyMatch(e -> e.getMethodName().equals("runtime·_panic"));
        assertTrue(goNamedJavaFrame, "the Java stack trace names the Go function");
    }

    @Test
    void interruptingAGuestBlockedOnStdinStopsIt() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            PipedOutputStream neverWritten = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(neverWritten);
            GuestRun[] result = new GuestRun[1];
            Thread guest = new Thread(() -> result[0] = run("cat", stdin, c -> c.args("cat")));
            guest.start();
            Thread.sleep(300);
            assertTrue(guest.isAlive(), "cat waits for input");
            guest.interrupt();
            guest.join(10_000);
            assertTrue(!guest.isAlive(), "the interrupted guest stopped");
            assertTrue(result[0].failure instanceof Trap, "failure: " + result[0].failure);
            assertEquals(TrapKind.INTERRUPTED, ((Trap) result[0].failure).kind());
            neverWritten.close();
        });
    }

    @Test
    void aDeadlineStopsABlockedGuest() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            PipedOutputStream neverWritten = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(neverWritten);
            long start = System.nanoTime();
            GuestRun r = run("cat", stdin, c -> c.args("cat").deadline(Duration.ofMillis(300)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(r.failure instanceof Trap, "failure: " + r.failure);
            assertEquals(TrapKind.INTERRUPTED, ((Trap) r.failure).kind());
            assertTrue(ms >= 300, "stopped after " + ms + " ms");
            neverWritten.close();
        });
    }

    @Test
    void instancesRunSideBySideWithoutSharingState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GuestRun>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String arg = "run" + i;
                runs.add(pool.submit(() -> run("env", noInput(), c -> c.args("env", arg).env("GREETING", arg))));
            }
            for (int i = 0; i < runs.size(); i++) {
                GuestRun r = runs.get(i).get();
                assertEquals(0, r.exitCode);
                assertTrue(r.out().contains("GREETING=\"run" + i + "\" present=true"), r.out());
                assertTrue(r.out().contains("args: run" + i + "\n"), r.out());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Copies the directory tree {@code from} to {@code to} (which must not exist yet). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
