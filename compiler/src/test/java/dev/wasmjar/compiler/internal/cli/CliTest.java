package dev.wasmjar.compiler.internal.cli;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.DROP;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's argument handling, error reporting and exit codes, on small hand-built
 * modules (TinyGo programs are run end to end by check.py; two are run here for what only a
 * real guest shows).
 */
class CliTest {
    private static final String PREVIEW1 = "wasi_snapshot_preview1";
    private static final Path TINYGO = Path.of("..", "testdata", "tinygo");

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream guestErrBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int cli(String... args) {
        return new Cli(new ByteArrayInputStream(new byte[0]), outBytes, guestErrBytes,
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private void reset() {
        outBytes.reset();
        guestErrBytes.reset();
        errBytes.reset();
    }

    private Path write(String name, WasmModuleBuilder b) throws Exception {
        Path wasm = tmp.resolve(name);
        Files.write(wasm, b.build());
        return wasm;
    }

    // --- help and version ---------------------------------------------------------------------

    @Test
    void noArgumentsPrintsUsageAsAnError() {
        assertEquals(Cli.EXIT_USAGE, cli());
        assertTrue(err().contains("wasmjar run"), err());
        assertTrue(err().contains("wasmjar compile"), err());
        assertEquals("", out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "run --help", "run -h", "run --dir /x --help", "compile --help"})
    void helpGoesToStdoutAndSucceeds(String args) {
        assertEquals(0, cli(args.split(" ")), err());
        assertTrue(out().startsWith("usage:"), out());
        assertEquals("", err());
        for (String documented : new String[] {"--invoke FUNC", "--env NAME ", "--env NAME=VALUE", "::GUEST[:ro]",
                "--version", "134"}) {
            assertTrue(out().contains(documented), documented + " in\n" + out());
        }
    }

    @Test
    void helpAfterTheProgramIsTheGuestsArgument() {
        Cli.RunOptions o = Cli.RunOptions.parse(List.of("p.wasm", "--help"));
        assertFalse(o.help);
        assertEquals(List.of("p.wasm", "--help"), o.guestArgs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionPrintsTheNameAndVersion(String flag) {
        assertEquals(0, cli(flag));
        assertEquals("wasmjar " + Version.current() + "\n", out());
        assertTrue(out().matches("wasmjar \\S+\n"), out());
    }

    // --- option parsing -----------------------------------------------------------------------

    @Test
    void unknownCommandAndOptionsAreNamed() {
        assertEquals(Cli.EXIT_USAGE, cli("frobnicate"));
        assertTrue(err().contains("unknown command: frobnicate"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--bogus", "x.wasm"));
        assertTrue(err().contains("unknown option for run: --bogus"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--env", "=VALUE", "x.wasm"));
        assertTrue(err().contains("--env needs NAME=VALUE or NAME"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--env=", "x.wasm"));
        assertTrue(err().contains("--env needs NAME=VALUE or NAME"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--dir"));
        assertTrue(err().contains("--dir needs a value"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--invoke"));
        assertTrue(err().contains("--invoke needs a value"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--invoke=", "x.wasm"));
        assertTrue(err().contains("--invoke needs the name of an exported function"), err());
    }

    @Test
    void runOptionsSplitHostAndGuestDirectoriesAndKeepGuestArguments() {
        Cli.RunOptions o = Cli.RunOptions.parse(List.of(
                "--dir", "/tmp/a::/data", "--dir=/tmp/b", "--env", "K=V=W", "--", "p.wasm", "--not-an-option", "x"));
        assertEquals(Path.of("/tmp/a"), o.dirs.get(0).hostPath());
        assertEquals("/data", o.dirs.get(0).guestPath());
        assertFalse(o.dirs.get(0).readOnly());
        assertEquals("/tmp/b", o.dirs.get(1).guestPath());
        assertEquals("V=W", o.env.get("K"));
        assertNull(o.invoke);
        assertEquals(Path.of("p.wasm"), o.program);
        assertEquals(List.of("p.wasm", "--not-an-option", "x"), o.guestArgs);
    }

    @Test
    void dirIsReadOnlyOnlyWithRoAfterTheGuestPath() {
        Cli.RunOptions o = Cli.RunOptions.parse(List.of(
                "--dir", "/srv/in::/in:ro", "--dir=.::.:ro", "--dir", "/srv/x:ro", "--dir", "/a::/b:rw", "p.wasm"));
        assertEquals(Path.of("/srv/in"), o.dirs.get(0).hostPath());
        assertEquals("/in", o.dirs.get(0).guestPath());
        assertTrue(o.dirs.get(0).readOnly());
        assertEquals(".", o.dirs.get(1).guestPath());
        assertTrue(o.dirs.get(1).readOnly());
        // Without ::GUEST the whole value is the host path (and the guest's name for it).
        assertEquals(Path.of("/srv/x:ro"), o.dirs.get(2).hostPath());
        assertEquals("/srv/x:ro", o.dirs.get(2).guestPath());
        assertFalse(o.dirs.get(2).readOnly());
        // Only :ro is a flag; anything else stays part of the guest path.
        assertEquals("/b:rw", o.dirs.get(3).guestPath());
        assertFalse(o.dirs.get(3).readOnly());
        assertEquals(Cli.EXIT_USAGE, cli("run", "--dir", "/a:::ro", "p.wasm"));
        assertTrue(err().contains("--dir needs HOST[::GUEST[:ro]], got: /a:::ro"), err());
    }

    @Test
    void envWithoutValueIsTakenFromTheHostOrLeftOut() {
        Map<String, String> host = Map.of("HOME", "/home/me", "EMPTY", "");
        Cli.RunOptions o = Cli.RunOptions.parse(List.of(
                "--env", "HOME", "--env=EMPTY", "--env", "UNSET_ON_HOST", "--env", "GONE=1", "--env", "GONE",
                "--env", "HOME=/override", "p.wasm"), host::get);
        assertEquals(Map.of("HOME", "/override", "EMPTY", ""), o.env);
        o = Cli.RunOptions.parse(List.of("--env", "HOME", "p.wasm"), host::get);
        assertEquals("/home/me", o.env.get("HOME"));
        assertFalse(o.env.containsKey("UNSET_ON_HOST"));
    }

    @Test
    void invokeNamesTheExportAndLeavesTheArgumentsForIt() {
        Cli.RunOptions o = Cli.RunOptions.parse(List.of("--invoke", "add", "p.wasm", "-1", "2"));
        assertEquals("add", o.invoke);
        assertEquals(List.of("p.wasm", "-1", "2"), o.guestArgs);
        assertEquals("fib", Cli.RunOptions.parse(List.of("--invoke=fib", "p.wasm")).invoke);
    }

    // --- files and compilation ----------------------------------------------------------------

    @Test
    void missingProgramFile() {
        assertEquals(Cli.EXIT_USAGE, cli("run", tmp.resolve("absent.wasm").toString()));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void missingPreopenIsAUsageErrorWithAHintForRo() throws Exception {
        Path wasm = write("exit.wasm", exitingWith(0));
        assertEquals(Cli.EXIT_USAGE, cli("run", "--dir", tmp.resolve("absent") + "::/d", wasm.toString()));
        assertTrue(err().contains("--dir: not a directory: " + tmp.resolve("absent")), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--dir", tmp + ":ro", wasm.toString()));
        assertTrue(err().contains("(read-only is HOST::GUEST:ro)"), err());
    }

    @Test
    void malformedProgramIsReportedAsACompileError() throws Exception {
        Path bad = tmp.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 99});
        assertEquals(Cli.EXIT_USAGE, cli("run", bad.toString()));
        assertTrue(err().contains("cannot compile"), err());
    }

    @Test
    void missingImportsAreAllListedBeforeRunning() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.importFunction("env", "first", types(I32), types());
        b.importFunction("wasi:io/streams@0.2.0", "no-such-function", types(), types());
        b.exportMemory("memory", b.memory(1, -1));
        assertEquals(Cli.EXIT_USAGE, cli("run", write("needs-imports.wasm", b).toString()));
        assertTrue(err().contains("env/first"), err());
        assertTrue(err().contains("no-such-function"), err());
    }

    // --- exit codes ---------------------------------------------------------------------------

    /** A preview1 command whose {@code _start} calls {@code proc_exit(code)}. */
    private static WasmModuleBuilder exitingWith(int code) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int procExit = b.importFunction(PREVIEW1, "proc_exit", types(I32), types());
        b.exportMemory("memory", b.memory(1, -1));
        b.function(types(), types()).i32Const(code).call(procExit).export("_start").end();
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 125})
    void procExitIsTheExitCode(int code) throws Exception {
        assertEquals(code, cli("run", write("exit.wasm", exitingWith(code)).toString()), err());
        assertEquals("", err());
    }

    @Test
    void procExitOutsideTheShellsRangeIsATrap() throws Exception {
        assertEquals(Cli.EXIT_TRAP, cli("run", write("exit.wasm", exitingWith(200)).toString()));
        assertTrue(err().startsWith("wasm trap: "), err());
        assertTrue(err().contains("proc_exit(200)"), err());
    }

    @Test
    void wasiCliRunErrIsExitCodeOne() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        b.function(types(), types(I32)).i32Const(1).export("wasi:cli/run@0.2.0#run").end();
        assertEquals(1, cli("run", write("err.wasm", b).toString()), err());
    }

    @Test
    void unreachableTraps() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        b.function("main.crash", types(), types()).code(WasmModuleBuilder.UNREACHABLE).export("_start").end();
        assertEquals(Cli.EXIT_TRAP, cli("run", write("trap.wasm", b).toString()));
        assertTrue(err().startsWith("wasm trap: "), err());
        assertTrue(err().contains("  at main.crash"), err());
    }

    @Test
    void runawayRecursionTrapsWithABacktraceAndANonZeroExit() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        WasmModuleBuilder.FunctionBuilder recursive = b.function("main.recurse", types(I32), types(I32));
        int recurse = recursive.index();
        recursive.localGet(0).i32Const(1).code(WasmModuleBuilder.I32_ADD).call(recurse).end();
        b.function("main.main", types(), types(I32)).i32Const(0).call(recurse).export("wasi:cli/run@0.2.0#run").end();
        Path wasm = write("runaway.wasm", b);
        long start = System.nanoTime();
        assertEquals(Cli.EXIT_TRAP, cli("run", wasm.toString()));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(err().startsWith("wasm trap: call stack exhausted"), err());
        assertTrue(err().contains("  at main.recurse"), err());
        // The innermost frames are kept (the JVM records 1024): all recursive, shown once with a count.
        assertTrue(err().contains("  ... main.recurse repeated "), err());
        assertTrue(err().lines().count() < 10, err());
        assertTrue(seconds < 60, "trapped after " + seconds + " s");
    }

    // --- --invoke -----------------------------------------------------------------------------

    /**
     * A preview1 module: {@code add}; {@code echo} returning its i64, f32 and f64 arguments;
     * {@code greet} writing "hi\n" to stdout and returning 1; {@code quit} calling
     * {@code proc_exit(3)}; {@code crash} trapping; and {@code _start}, which must not run.
     */
    private Path invokable() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int fdWrite = b.importFunction(PREVIEW1, "fd_write", types(I32, I32, I32, I32), types(I32));
        int procExit = b.importFunction(PREVIEW1, "proc_exit", types(I32), types());
        b.exportMemory("memory", b.memory(1, -1));
        // iovec {buf = 16, len = 3} at 0, the bytes at 16.
        b.activeData(0, new byte[] {16, 0, 0, 0, 3, 0, 0, 0});
        b.activeData(16, "hi\n".getBytes(StandardCharsets.UTF_8));
        b.function(types(I32, I32), types(I32)).localGet(0).localGet(1).code(WasmModuleBuilder.I32_ADD)
                .export("add").end();
        b.function(types(I64, F32, F64), types(I64, F32, F64)).localGet(0).localGet(1).localGet(2)
                .export("echo").end();
        b.function(types(), types(I32)).i32Const(1).i32Const(0).i32Const(1).i32Const(8).call(fdWrite).code(DROP)
                .i32Const(1).export("greet").end();
        b.function(types(), types(I32)).i32Const(3).call(procExit).i32Const(0).export("quit").end();
        b.function("main.crash", types(), types()).code(WasmModuleBuilder.UNREACHABLE).export("crash").end();
        b.function(types(), types()).i32Const(99).call(procExit).export("_start").end();
        return write("invokable.wasm", b);
    }

    @Test
    void invokePrintsTheResultInsteadOfRunning() throws Exception {
        assertEquals(0, cli("run", "--invoke", "add", invokable().toString(), "-7", "4294967295"), err());
        assertEquals("-8\n", out());
        assertEquals("", err());
    }

    @Test
    void invokePrintsEveryResultOnItsOwnLine() throws Exception {
        assertEquals(0, cli("run", "--invoke=echo", invokable().toString(), "18446744073709551615", "-inf", "1e10"),
                err());
        assertEquals("-1\n-inf\n10000000000\n", out());
    }

    @Test
    void invokePrintsResultsAfterWhatTheGuestWrote() throws Exception {
        assertEquals(0, cli("run", "--invoke", "greet", invokable().toString()), err());
        assertEquals("hi\n1\n", out());
    }

    @Test
    void invokedProcExitIsTheExitCodeAndPrintsNoResult() throws Exception {
        assertEquals(3, cli("run", "--invoke", "quit", invokable().toString()), err());
        assertEquals("", out());
    }

    @Test
    void invokedTrapIsExitCode134() throws Exception {
        assertEquals(Cli.EXIT_TRAP, cli("run", "--invoke", "crash", invokable().toString()));
        assertTrue(err().startsWith("wasm trap: "), err());
        assertTrue(err().contains("  at main.crash"), err());
    }

    @Test
    void invokeMistakesAreUsageErrors() throws Exception {
        String wasm = invokable().toString();
        String[][] cases = {
            {"nope", "exports no function named \"nope\""},
            {"memory", "export \"memory\" is not a function"},
            {"add 1", "add takes 2 arguments (i32 i32)->(i32), got 1"},
            {"add 1 2 3", "got 3"},
            {"add 1 x", "argument 2 of add: not an i32: x"},
            {"add 4294967296 0", "i32 out of range"},
            {"echo 1 2 pi", "argument 3 of echo: not an f64: pi"},
        };
        for (String[] c : cases) {
            reset();
            String[] words = c[0].split(" ");
            List<String> args = new java.util.ArrayList<>(List.of("run", "--invoke", words[0], wasm));
            args.addAll(List.of(words).subList(1, words.length));
            assertEquals(Cli.EXIT_USAGE, cli(args.toArray(new String[0])), c[0]);
            assertTrue(err().contains(c[1]), c[0] + ": " + err());
            assertTrue(err().contains("usage:"), err());
            assertEquals("", out(), c[0]);
        }
    }

    @Test
    void invokeRefusesReferenceTypes() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(WasmModuleBuilder.EXTERNREF), types()).export("takesRef").end();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--invoke", "takesRef", write("refs.wasm", b).toString(), "0"));
        assertTrue(err().contains("only i32, i64, f32 and f64 parameters and results are supported"), err());
    }

    /**
     * A reactor whose {@code _initialize} sets a global that {@code get} returns: invoking
     * {@code get} prints 42 only if {@code _initialize} ran first, with or without a memory (the
     * WASI host binds only to modules that export one).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void invokeInitializesAReactorFirst(boolean withMemory) throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        if (withMemory) {
            b.exportMemory("memory", b.memory(1, -1));
        }
        int g = b.global(I32, true, WasmModuleBuilder.i32Const(0));
        b.function(types(), types()).i32Const(42).globalSet(g).export("_initialize").end();
        b.function(types(), types(I32)).globalGet(g).export("get").end();
        assertEquals(0, cli("run", "--invoke", "get", write("reactor.wasm", b).toString()), err());
        assertEquals("42\n", out());
    }

    @Test
    void invokeCallsAnExportOfATinyGoComponent() throws Exception {
        Path wasm = TINYGO.resolve("exports").resolve("exports.wasm");
        assumeTrue(Files.exists(wasm), "no " + wasm);
        // mix(a i64, b f64, c f32) = a * b + c
        assertEquals(0, cli("run", "--invoke", "mix", wasm.toString(), "3", "0.5", "0.25"), err());
        assertEquals("1.75\n", out());
    }

    // --- --dir :ro and --env NAME on a running guest ------------------------------------------

    /** A preview1 module whose {@code mkdir} creates "sub" in the first preopen (fd 3) and returns the errno. */
    private Path mkdirInPreopen() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int createDirectory = b.importFunction(PREVIEW1, "path_create_directory", types(I32, I32, I32), types(I32));
        b.exportMemory("memory", b.memory(1, -1));
        b.activeData(0, "sub".getBytes(StandardCharsets.UTF_8));
        b.function(types(), types(I32)).i32Const(3).i32Const(0).i32Const(3).call(createDirectory).export("mkdir").end();
        return write("mkdir.wasm", b);
    }

    @Test
    void writableDirLetsTheGuestCreate() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        assertEquals(0, cli("run", "--dir", shared + "::/data", "--invoke", "mkdir", mkdirInPreopen().toString()), err());
        assertEquals("0\n", out());
        assertTrue(Files.isDirectory(shared.resolve("sub")));
    }

    @Test
    void readOnlyDirRefusesTheGuest() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        assertEquals(0, cli("run", "--dir", shared + "::/data:ro", "--invoke", "mkdir", mkdirInPreopen().toString()),
                err());
        assertFalse(out().equals("0\n"), "errno " + out());
        assertTrue(out().matches("[1-9][0-9]*\n"), out());
        assertFalse(Files.exists(shared.resolve("sub")));
    }

    @Test
    void envNameInheritsTheHostsValue() throws Exception {
        Path wasm = TINYGO.resolve("env").resolve("env.wasm");
        assumeTrue(Files.exists(wasm), "no " + wasm);
        String path = System.getenv("PATH");
        assumeTrue(path != null, "PATH is not set for the tests");
        String unset = "WASMJAR_TEST_SURELY_UNSET_" + System.nanoTime();
        assumeTrue(System.getenv(unset) == null);
        assertEquals(0, cli("run", "--env", "PATH", "--env", unset, "--env", "GREETING=hi", wasm.toString(), "a"),
                err());
        // The program prints the sorted environment, one "  NAME=VALUE" a line, after a count.
        assertTrue(out().startsWith("environ: 2\n"), out());
        assertTrue(out().contains("\n  GREETING=hi\n"), out());
        assertTrue(out().contains("\n  PATH=" + path + "\n"), out());
        assertFalse(out().contains(unset), out());
    }

    // --- compile ------------------------------------------------------------------------------

    @Test
    void compileWritesALoadableJar() throws Exception {
        Path jar = tmp.resolve("hello.jar");
        int code = cli("compile", Path.of("..", "examples", "hello", "hello.wasm").toString(),
                "--class", "com.acme.Hello", "-o", jar.toString());
        assertEquals(0, code, err());
        assertTrue(Files.size(jar) > 0);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> facade = Class.forName("com.acme.Hello", true, loader);
            assertEquals("com.acme.Hello", facade.getName());
        }
    }

    @Test
    void compileNeedsAClassNameAndOutput() {
        assertEquals(Cli.EXIT_USAGE, cli("compile", "x.wasm"));
        assertTrue(err().contains("compile needs PROGRAM.wasm, --class NAME and -o FILE.jar"), err());
        reset();
        assertEquals(Cli.EXIT_USAGE, cli("compile", "x.wasm", "--class", "not a name", "-o", "x.jar"));
        assertTrue(err().contains("not a Java class name"), err());
    }
}
