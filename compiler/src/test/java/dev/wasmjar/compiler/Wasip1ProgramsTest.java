package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real WASI preview1 core modules (testdata/wasip1: standard Go, Rust and C, each source
 * beside its .wasm, built by build.sh) through the Java API: compile in memory, instantiate
 * with the WASI host, run with an empty temporary directory preopened as {@code /sandbox},
 * and compare stdout and the exit code with what Node.js's node:wasi produced
 * ({@code expected-CASE.stdout}, {@code expected-CASE.exit}). Arguments, environment and stdin
 * are the ones build.sh uses. Every program deletes what it creates, so the sandbox must be
 * empty again afterwards.
 */
class Wasip1ProgramsTest {
    private static final Path PROGRAMS = Path.of("..", "testdata", "wasip1");
    private static final Map<String, CompiledModule> COMPILED = new ConcurrentHashMap<>();


    /** Compiles {@code dir/wasm} once per test run. */
    private static CompiledModule program(String dir, String wasm) {
        return COMPILED.computeIfAbsent(dir + "/" + wasm, n -> {
            try {
                byte[] bytes = Files.readAllBytes(PROGRAMS.resolve(dir).resolve(wasm));
                String name = wasm.replace(".wasm", "").replace('-', '_');
                return WasmCompiler.builder().className("wasip1." + dir + "." + name + ".Program").build().compile(bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String expectedStdout(String dir, String testCase) throws IOException {
        return Files.readString(PROGRAMS.resolve(dir).resolve("expected-" + testCase + ".stdout"));
    }

    private static int expectedExit(String dir, String testCase) throws IOException {
        return Integer.parseInt(Files.readString(PROGRAMS.resolve(dir).resolve("expected-" + testCase + ".exit")).trim());
    }

    private static InputStream input(String dir, String file) throws IOException {
        return new ByteArrayInputStream(Files.readAllBytes(PROGRAMS.resolve(dir).resolve(file)));
    }

    private static InputStream noInput() {
        return new ByteArrayInputStream(new byte[0]);
    }

    /**
     * Runs {@code dir/wasm} on the calling thread with stdio captured and {@code sandbox}
     * preopened as /sandbox; {@code setup} adds arguments and environment to the config.
     */
    private static GuestRun run(String dir, String wasm, Path sandbox, InputStream stdin,
            Consumer<WasiConfig.Builder> setup) {
        return GuestRun.of(program(dir, wasm), stdin, c -> setup.accept(c.preopen(sandbox, "/sandbox", false)));
    }

    /** Checks a run against {@code dir/expected-CASE.*}, and that the sandbox is empty again. */
    private static void assertMatches(String dir, String testCase, GuestRun r, Path sandbox) throws IOException {
        assertEquals(null, r.failure, () -> "stderr: " + r.stderr);
        assertEquals(expectedStdout(dir, testCase), r.out(), () -> "stderr: " + r.stderr);
        assertEquals(expectedExit(dir, testCase), r.exitCode, () -> "stderr: " + r.stderr);
        assertEquals(List.of(), listing(sandbox), "the program removes everything it creates");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    // --- standard Go (GOOS=wasip1) ---------------------------------------------------------

    private static void goEnv(WasiConfig.Builder c) {
        c.env("GREETING", "hello-wasip1").env("LANG", "C.UTF-8");
    }

    /** Goroutines, channels, WaitGroup, sleeps and timers, files, env, args, stdin. */
    @Test
    void goProgram(@TempDir Path sandbox) throws IOException {
        GuestRun r = run("go", "main.wasm", sandbox, input("go", "input.txt"),
                c -> goEnv(c.args("main.wasm", "main", "x", "y z")));
        assertMatches("go", "main", r, sandbox);
    }

    /**
     * The same program linked with much more of the standard library (sha256, encoding/json,
     * math/big, GC, crypto/rand): a module with about 39,000 active data segments.
     */
    @Test
    void goProgramWithMoreOfTheStandardLibrary(@TempDir Path sandbox) throws IOException {
        GuestRun r = run("go", "main-full.wasm", sandbox, input("go", "input.txt"),
                c -> goEnv(c.args("main-full.wasm", "main", "x", "y z")));
        assertMatches("go", "full", r, sandbox);
    }

    @Test
    void goOsExitCode(@TempDir Path sandbox) throws IOException {
        GuestRun r = run("go", "main.wasm", sandbox, noInput(), c -> c.args("main.wasm", "exit", "7"));
        assertMatches("go", "exit", r, sandbox);
    }

    /** An unrecovered Go panic is not a trap: the Go runtime prints it and exits with code 2. */
    @Test
    void goPanicExitsWithCode2(@TempDir Path sandbox) throws IOException {
        GuestRun r = run("go", "main.wasm", sandbox, noInput(), c -> c.args("main.wasm", "panic"));
        assertMatches("go", "panic", r, sandbox);
        assertTrue(r.stderr.startsWith("panic: assignment to entry in nil map\n"), r.stderr);
        assertTrue(r.stderr.contains("goroutine 1 [running]:\nmain.main()\n"), r.stderr);
    }

    // --- Rust (wasm32-wasi) ----------------------------------------------------------------

    /** std::fs in the preopened directory, and a summary of all of stdin. */
    @Test
    void rustProgram(@TempDir Path sandbox) throws IOException {
        GuestRun r = run("rust", "main.wasm", sandbox, input("rust", "input.txt"),
                c -> c.args("main.wasm", "a", "b c").env("RUST_MODE", "test"));
        assertMatches("rust", "main", r, sandbox);
    }

    // --- C (wasi-libc) ---------------------------------------------------------------------

    /** poll, nanosleep, clocks, directories and errno values. */
    @Test
    void cProgram(@TempDir Path sandbox) throws IOException {
        GuestRun r = run("c", "main.wasm", sandbox, input("c", "input.txt"), c -> c.args("main.wasm", "first"));
        assertMatches("c", "main", r, sandbox);
    }

    /**
     * poll() on a stdin that is open but has no data must time out; then it must block until
     * data arrives. This thread writes stdin only once the guest, running on another thread,
     * has said (on stdout, which must therefore reach us while the guest waits) that it waits.
     */
    @Test
    void cPollTimesOutOnEmptyStdinThenWaitsForData(@TempDir Path sandbox) throws Exception {
        byte[] data = Files.readAllBytes(PROGRAMS.resolve("c").resolve("wait-input.txt"));
        program("c", "main.wasm"); // compile before the clock starts
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            PipedOutputStream toGuest = new PipedOutputStream();
            PipedInputStream guestStdin = new PipedInputStream(toGuest, 1 << 16);
            PipedInputStream fromGuest = new PipedInputStream(1 << 16);
            PipedOutputStream guestStdout = new PipedOutputStream(fromGuest);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            WasiConfig config = WasiConfig.builder().args("main.wasm", "wait").stdin(guestStdin).stdout(guestStdout)
                    .stderr(err).preopen(sandbox, "/sandbox", false).build();
            ExecutorService guestThread = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> exit = guestThread.submit(() -> {
                    try (WasiHost host = WasiHost.create(config)) {
                        return host.run(program("c", "main.wasm").instantiate(host.imports()));
                    } finally {
                        guestStdout.close();
                    }
                });
                String marker = "waiting for stdin\n";
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(StandardCharsets.UTF_8).endsWith(marker)) {
                    int b = fromGuest.read();
                    assertTrue(b >= 0, () -> "the guest ended before waiting: " + seen + err);
                    seen.write(b);
                }
                toGuest.write(data);
                toGuest.close();
                seen.write(fromGuest.readAllBytes());
                assertEquals(expectedStdout("c", "wait"), seen.toString(StandardCharsets.UTF_8), err::toString);
                assertEquals(expectedExit("c", "wait"), exit.get());
            } finally {
                guestThread.shutdownNow();
            }
        });
    }
}
