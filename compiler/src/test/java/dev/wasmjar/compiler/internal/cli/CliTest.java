package dev.wasmjar.compiler.internal.cli;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's argument handling and error reporting (running programs is covered end to end by check.py). */
class CliTest {
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int cli(String... args) {
        return new Cli(new PrintStream(errBytes, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(Cli.EXIT_USAGE, cli());
        assertTrue(err().contains("wasmjar run"), err());
        assertTrue(err().contains("wasmjar compile"), err());
    }

    @Test
    void helpSucceeds() {
        assertEquals(0, cli("--help"));
        assertTrue(err().startsWith("usage:"), err());
    }

    @Test
    void unknownCommandAndOptionsAreNamed() {
        assertEquals(Cli.EXIT_USAGE, cli("frobnicate"));
        assertTrue(err().contains("unknown command: frobnicate"), err());
        errBytes.reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--bogus", "x.wasm"));
        assertTrue(err().contains("unknown option for run: --bogus"), err());
        errBytes.reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--env", "NOEQUALS", "x.wasm"));
        assertTrue(err().contains("--env needs NAME=VALUE"), err());
        errBytes.reset();
        assertEquals(Cli.EXIT_USAGE, cli("run", "--dir"));
        assertTrue(err().contains("--dir needs a value"), err());
    }

    @Test
    void runOptionsSplitHostAndGuestDirectoriesAndKeepGuestArguments() {
        Cli.RunOptions o = Cli.RunOptions.parse(java.util.List.of(
                "--dir", "/tmp/a::/data", "--dir=/tmp/b", "--env", "K=V=W", "--", "p.wasm", "--not-an-option", "x"));
        assertEquals("/tmp/a", o.dirs.get(0)[0]);
        assertEquals("/data", o.dirs.get(0)[1]);
        assertEquals("/tmp/b", o.dirs.get(1)[1]);
        assertEquals("V=W", o.env.get("K"));
        assertEquals(Path.of("p.wasm"), o.program);
        assertEquals(java.util.List.of("p.wasm", "--not-an-option", "x"), o.guestArgs);
    }

    @Test
    void missingProgramFile(@TempDir Path tmp) {
        assertEquals(Cli.EXIT_USAGE, cli("run", tmp.resolve("absent.wasm").toString()));
        assertTrue(err().contains("no such file"), err());
    }

    @Test
    void malformedProgramIsReportedAsACompileError(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 99});
        assertEquals(Cli.EXIT_USAGE, cli("run", bad.toString()));
        assertTrue(err().contains("cannot compile"), err());
    }

    @Test
    void missingImportsAreAllListedBeforeRunning(@TempDir Path tmp) throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.importFunction("env", "first", types(I32), types());
        b.importFunction("wasi:io/streams@0.2.0", "no-such-function", types(), types());
        b.exportMemory("memory", b.memory(1, -1));
        Path wasm = tmp.resolve("needs-imports.wasm");
        Files.write(wasm, b.build());
        assertEquals(Cli.EXIT_USAGE, cli("run", wasm.toString()));
        assertTrue(err().contains("env/first"), err());
        assertTrue(err().contains("no-such-function"), err());
    }

    @Test
    void runawayRecursionTrapsWithABacktraceAndANonZeroExit(@TempDir Path tmp) throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        WasmModuleBuilder.FunctionBuilder recursive = b.function("main.recurse", types(I32), types(I32));
        int recurse = recursive.index();
        recursive.localGet(0).i32Const(1).code(WasmModuleBuilder.I32_ADD).call(recurse).end();
        b.function("main.main", types(), types(I32)).i32Const(0).call(recurse).export("wasi:cli/run@0.2.0#run").end();
        Path wasm = tmp.resolve("runaway.wasm");
        Files.write(wasm, b.build());
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

    @Test
    void compileWritesALoadableJar(@TempDir Path tmp) throws Exception {
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
        errBytes.reset();
        assertEquals(Cli.EXIT_USAGE, cli("compile", "x.wasm", "--class", "not a name", "-o", "x.jar"));
        assertTrue(err().contains("not a Java class name"), err());
    }
}
