package dev.wasmjar.compiler.internal.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.facade.ModuleExport;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.wasi.WasiConfig;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build shared by the CLI and the Maven plugin, on tiny hand-assembled modules and the corpus. */
class ModuleBuildTest {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    /** (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
    static final byte[] ADD = concat(HEADER,
            bytes(0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f),
            bytes(0x03, 0x02, 0x01, 0x00),
            bytes(0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00),
            bytes(0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b));

    /** (module (import "env" "foo" (func (param i32)))) */
    static final byte[] IMPORTS_ENV_FOO = concat(HEADER,
            bytes(0x01, 0x05, 0x01, 0x60, 0x01, 0x7f, 0x00),
            bytes(0x02, 0x0b, 0x01, 0x03, 'e', 'n', 'v', 0x03, 'f', 'o', 'o', 0x00, 0x00));

    @Test
    void buildsJarWithCompiledFacade(@TempDir Path dir) throws Exception {
        ModuleBuild build = ModuleBuild.compile(ADD, new ModuleBuild.Options().className("com.acme.Adder").source("add.wasm"));
        assertEquals("com.acme.Adder$Module", build.instanceClassName());
        assertEquals("com/acme/Adder.java", build.facadeSourcePath());
        assertEquals(List.of(ModuleExport.function("add", "(i32 i32)->(i32)")), build.exports());
        assertTrue(build.facadeSource().contains("public int add(int arg0, int arg1)"), build.facadeSource());
        assertTrue(build.classFiles().contains("com/acme/Adder$Module.class"), build.classFiles().toString());

        Path jar = dir.resolve("adder.jar");
        String written = build.writeJar(jar);
        assertTrue(written.contains("facade com.acme.Adder"), written);
        List<String> entries = new ArrayList<>();
        try (JarFile jf = new JarFile(jar.toFile())) {
            jf.stream().forEach(e -> entries.add(e.getName()));
        }
        assertTrue(entries.contains("com/acme/Adder.class"), entries.toString());
        assertTrue(entries.contains("com/acme/Adder$Module.class"), entries.toString());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Instance.class.getClassLoader())) {
            Class<?> adder = loader.loadClass("com.acme.Adder");
            WasiConfig config = WasiConfig.builder().stdin(null).stdout(null).stderr(null).build();
            Object m = adder.getMethod("instantiate", WasiConfig.class).invoke(null, config);
            assertEquals(42, adder.getMethod("add", int.class, int.class).invoke(m, 40, 2));
            assertEquals("add.wasm", adder.getField("SOURCE").get(null));
            assertEquals(build.sha256(), adder.getField("SOURCE_SHA256").get(null));
        }
    }

    /**
     * A command's facade is a Java main: {@code java -cp jar:runtime NAME ARGS} runs it with the
     * arguments and exits with its exit code; a trap exits 134 with the wasm backtrace.
     */
    @Test
    void aCommandsFacadeIsAJavaMain(@TempDir Path dir) throws Exception {
        // _start: proc_exit(argc), or trap when argc is 4
        WasmModuleBuilder b = new WasmModuleBuilder();
        String p1 = "wasi_snapshot_preview1";
        int sizes = b.importFunction(p1, "args_sizes_get", WasmModuleBuilder.types(WasmModuleBuilder.I32,
                WasmModuleBuilder.I32), WasmModuleBuilder.types(WasmModuleBuilder.I32));
        int exit = b.importFunction(p1, "proc_exit", WasmModuleBuilder.types(WasmModuleBuilder.I32),
                WasmModuleBuilder.types());
        b.exportMemory("memory", b.memory(1, -1));
        WasmModuleBuilder.FunctionBuilder crash = b.function("main.crash", WasmModuleBuilder.types(),
                WasmModuleBuilder.types());
        crash.code(WasmModuleBuilder.UNREACHABLE).end();
        b.function(WasmModuleBuilder.types(), WasmModuleBuilder.types())
                .i32Const(0).i32Const(4).call(sizes).code(WasmModuleBuilder.DROP)
                .i32Const(0).code(WasmModuleBuilder.I32_LOAD, 2, 0).i32Const(4).code(0x46 /* i32.eq */)
                .code(0x04, 0x40 /* if */).call(crash.index()).code(0x0b)
                .i32Const(0).code(WasmModuleBuilder.I32_LOAD, 2, 0).call(exit)
                .export("_start").end();
        ModuleBuild build = ModuleBuild.compile(b.build(), new ModuleBuild.Options().className("com.acme.Cmd")
                .source("cmd.wasm"));
        Path jar = dir.resolve("cmd.jar");
        build.writeJar(jar);
        String cp = jar + java.io.File.pathSeparator + System.getProperty("java.class.path");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process ok = new ProcessBuilder(javaBin, "-cp", cp, "com.acme.Cmd", "a", "b")
                .redirectErrorStream(true).start();
        String okOut = new String(ok.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(3, ok.waitFor(), okOut);

        Process trap = new ProcessBuilder(javaBin, "-cp", cp, "com.acme.Cmd", "a", "b", "c")
                .redirectErrorStream(true).start();
        String trapOut = new String(trap.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(134, trap.waitFor(), trapOut);
        assertTrue(trapOut.startsWith("wasm trap: "), trapOut);
        assertTrue(trapOut.contains("at main.crash"), trapOut);
    }

    @Test
    void writesClassesAndSourceToDirectories(@TempDir Path dir) throws Exception {
        ModuleBuild build = ModuleBuild.compile(ADD, new ModuleBuild.Options().className("Adder"));
        List<Path> classes = build.writeClasses(dir.resolve("classes"));
        assertTrue(classes.contains(dir.resolve("classes/Adder$Module.class")), classes.toString());
        Path src = build.writeFacadeSource(dir.resolve("src"));
        assertEquals(dir.resolve("src/Adder.java"), src);
        assertEquals(build.facadeSource(), Files.readString(src));
    }

    @Test
    void unsupportedImportFailsNamingIt() {
        CompileException e = assertThrows(CompileException.class,
                () -> ModuleBuild.compile(IMPORTS_ENV_FOO, new ModuleBuild.Options().className("a.B")));
        assertTrue(e.getMessage().contains("env.foo: function (i32)->() is not provided by the WASI 0.2 host"), e.getMessage());
        ModuleBuild lenient = ModuleBuild.compile(IMPORTS_ENV_FOO,
                new ModuleBuild.Options().className("a.B").checkImports(false));
        assertEquals(1, lenient.warnings().size());
        assertTrue(lenient.warnings().get(0).contains("env.foo"), lenient.warnings().toString());
    }

    @Test
    void malformedInputFails() {
        CompileException e = assertThrows(CompileException.class, () -> ModuleBuild.compile(
                new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x7f}, new ModuleBuild.Options().className("a.B")));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
        assertThrows(CompileException.class,
                () -> ModuleBuild.compile("hello".getBytes(), new ModuleBuild.Options().className("a.B")));
    }

    @Test
    void badOptionsFail() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModuleBuild.compile(ADD,
                new ModuleBuild.Options().className("a.B").include(List.of("add", "sub"))));
        assertTrue(e.getMessage().contains("no export named sub; it exports: add"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModuleBuild.compile(ADD, new ModuleBuild.Options().className("not a name")));
    }

    @Test
    void stampTracksInputAndOptions() {
        ModuleBuild.Options o = new ModuleBuild.Options().className("a.B");
        String s = ModuleBuild.stamp(ADD, o);
        assertEquals(s, ModuleBuild.stamp(ADD.clone(), new ModuleBuild.Options().className("a.B")));
        byte[] changed = ADD.clone();
        changed[changed.length - 2] = 0x6b; // i32.sub
        assertNotEquals(s, ModuleBuild.stamp(changed, o));
        assertNotEquals(s, ModuleBuild.stamp(ADD, new ModuleBuild.Options().className("a.C")));
        assertNotEquals(s, ModuleBuild.stamp(ADD, new ModuleBuild.Options().className("a.B").include(Set.of("add"))));
        assertNotEquals(s, ModuleBuild.stamp(ADD, new ModuleBuild.Options().className("a.B").checkImports(false)));
        assertTrue(s.contains("compiler=" + ModuleBuild.version()), s);
    }

    @Test
    void corpusExportsModule() {
        Path wasm = Path.of(System.getProperty("wasmjar.shared", "../../shared"), "tinygo-corpus/build/exports.wasip2.wasm");
        Assumptions.assumeTrue(Files.isRegularFile(wasm), "no corpus at " + wasm);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wasm);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        ModuleBuild build = ModuleBuild.compile(bytes, new ModuleBuild.Options().className("com.acme.Exports"));
        assertTrue(build.warnings().isEmpty(), build.warnings().toString());
        assertTrue(build.exports().contains(ModuleExport.function("mix", "(i64 f64 f32)->(f64)")), build.exports().toString());
        assertTrue(build.exports().contains(ModuleExport.function("fib", "(i32)->(i64)")));
        String src = build.facadeSource();
        assertTrue(src.contains("public int add(int arg0, int arg1)"), src);
        assertTrue(src.contains("public long fib(int arg0)"), src);
        assertTrue(src.contains("public double mix(long arg0, double arg1, float arg2)"), src);
        assertTrue(src.contains("public int counter()"), src);
        assertTrue(src.contains("public int close_(int arg0)"), src);
        // the usage example calls the program's own export, not the C library's malloc
        assertTrue(src.contains(" *     int result = module.add(1, 2);"), src);
        assertTrue(src.contains("public int wasi_cli_run_0_2_0_run()"), src);
        assertTrue(src.contains("Runs this instance's command entry point, wasm export <code>wasi:cli/run&#64;0.2.0#run</code>"), src);
        assertEquals(FunctionType.parse("(i32 i32)->(i32)"), build.exports().stream()
                .filter(e -> e.name().equals("add")).findFirst().orElseThrow().type());
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
