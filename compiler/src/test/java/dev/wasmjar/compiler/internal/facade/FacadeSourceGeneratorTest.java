package dev.wasmjar.compiler.internal.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade generator on hand-written export lists: naming rules, the source text, and the
 * generated source compiled with javac against a hand-written stand-in for the instance class
 * the compiler would generate, then called.
 */
class FacadeSourceGeneratorTest {
    /** A stand-in for a compiled TinyGo module: exports like corpus/exports, plus hostile names. */
    private static final String FAKE_INSTANCE = """
            package t;

            import dev.wasmjar.runtime.*;
            import java.lang.invoke.*;

            public class Lib$Module extends Instance {
                public static int instances;
                private int calls;
                public final Memory mem = new Memory(1, 1);

                public Lib$Module(Imports imports) {
                    instances++;
                    try {
                        MethodHandles.Lookup l = MethodHandles.lookup();
                        export("memory", mem);
                        export("add", WasmFunction.of(FunctionType.parse("(i32 i32)->(i32)"),
                                l.findStatic(Lib$Module.class, "add", MethodType.methodType(int.class, int.class, int.class))));
                        export("fib", WasmFunction.of(FunctionType.parse("(i32)->(i64)"),
                                l.findStatic(Lib$Module.class, "fib", MethodType.methodType(long.class, int.class))));
                        export("mix", WasmFunction.of(FunctionType.parse("(i64 f64 f32)->(f64)"),
                                l.findStatic(Lib$Module.class, "mix", MethodType.methodType(double.class, long.class, double.class, float.class))));
                        export("counter", WasmFunction.of(FunctionType.parse("()->(i32)"),
                                l.findVirtual(Lib$Module.class, "counter", MethodType.methodType(int.class)).bindTo(this)));
                        export("divmod", WasmFunction.of(FunctionType.parse("(i32 i32)->(i32 i32)"),
                                l.findStatic(Lib$Module.class, "divmod", MethodType.methodType(Object[].class, int.class, int.class))));
                        export("close", WasmFunction.of(FunctionType.parse("(i32)->(i32)"),
                                l.findStatic(Lib$Module.class, "neg", MethodType.methodType(int.class, int.class))));
                        export("boom", WasmFunction.of(FunctionType.parse("()->()"),
                                l.findStatic(Lib$Module.class, "boom", MethodType.methodType(void.class))));
                        export("a*/b\\\\u000a\\"{@x}", WasmFunction.of(FunctionType.parse("(i32)->(i32)"),
                                l.findStatic(Lib$Module.class, "neg", MethodType.methodType(int.class, int.class))));
                        export("_start", WasmFunction.of(FunctionType.parse("()->()"),
                                l.findStatic(Lib$Module.class, "start", MethodType.methodType(void.class))));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }

                static int add(int a, int b) { return a + b; }
                static long fib(int n) { long a = 0, b = 1; for (int i = 0; i < n; i++) { long t = a + b; a = b; b = t; } return a; }
                static double mix(long a, double b, float c) { return a * b + c; }
                int counter() { return ++calls; }
                static Object[] divmod(int a, int b) { return new Object[] {a / b, a % b}; }
                static int neg(int a) { return -a; }
                static void boom() { throw new Trap(TrapKind.UNREACHABLE); }
                static void start() { }
            }
            """;

    private static List<ModuleExport> libExports() {
        return List.of(
                ModuleExport.of("memory", ModuleExport.Kind.MEMORY),
                ModuleExport.function("add", "(i32 i32)->(i32)"),
                ModuleExport.function("fib", "(i32)->(i64)"),
                ModuleExport.function("mix", "(i64 f64 f32)->(f64)"),
                ModuleExport.function("counter", "()->(i32)"),
                ModuleExport.function("divmod", "(i32 i32)->(i32 i32)"),
                ModuleExport.function("close", "(i32)->(i32)"),
                ModuleExport.function("boom", "()->()"),
                ModuleExport.function("a*/b\\u000a\"{@x}", "(i32)->(i32)"),
                ModuleExport.function("_start", "()->()"));
    }

    private static FacadeSpec spec(List<ModuleExport> exports, Set<String> include) {
        return new FacadeSpec("t.Lib", "t.Lib$Module", "src/main/wasm/lib.wasm", "ab12", "wasmjar test", exports, include);
    }

    @Test
    void identifiersAreSanitised() {
        assertEquals("add", FacadeSourceGenerator.identifier("add"));
        assertEquals("wasi_cli_run_0_2_0_run", FacadeSourceGenerator.identifier("wasi:cli/run@0.2.0#run"));
        assertEquals("asyncify_get_state", FacadeSourceGenerator.identifier("asyncify_get_state"));
        assertEquals("_start", FacadeSourceGenerator.identifier("_start"));
        assertEquals("method_pollable_block", FacadeSourceGenerator.identifier("[method]pollable.block"));
        assertEquals("class_", FacadeSourceGenerator.identifier("class"));
        assertEquals("close_", FacadeSourceGenerator.identifier("close"));
        assertEquals("run_", FacadeSourceGenerator.identifier("run"));
        assertEquals("hashCode_", FacadeSourceGenerator.identifier("hashCode"));
        assertEquals("_9lives", FacadeSourceGenerator.identifier("9lives"));
        assertEquals("export_", FacadeSourceGenerator.identifier(""));
        assertEquals("export_", FacadeSourceGenerator.identifier("_"));
        assertEquals("export_", FacadeSourceGenerator.identifier("é!"));
        assertEquals("a_b", FacadeSourceGenerator.identifier("a*/b"));
    }

    @Test
    void clashingNamesGetSuffixes() {
        List<ModuleExport> exports = List.of(
                ModuleExport.function("a-b", "()->()"),
                ModuleExport.function("a_b", "()->()"),
                ModuleExport.function("a.b", "()->()"),
                ModuleExport.function("close_", "()->()"),
                ModuleExport.function("close", "()->()"));
        Map<String, String> names = FacadeSourceGenerator.methodNames(spec(exports, null));
        assertEquals(List.of("a_b", "a_b_2", "a_b_3", "close_", "close__2"), new ArrayList<>(names.values()));
    }

    @Test
    void sourceHasTypedMethodsAndDocs() {
        String src = FacadeSourceGenerator.generate(spec(libExports(), null));
        assertTrue(src.contains("package t;"), src);
        assertTrue(src.contains("public final class Lib implements java.lang.AutoCloseable {"), src);
        assertTrue(src.contains("public int add(int arg0, int arg1) {"), src);
        assertTrue(src.contains("return (int) $add.invokeExact(arg0, arg1);"), src);
        assertTrue(src.contains("public long fib(int arg0) {"), src);
        assertTrue(src.contains("public double mix(long arg0, double arg1, float arg2) {"), src);
        assertTrue(src.contains("public java.lang.Object[] divmod(int arg0, int arg1) {"), src);
        assertTrue(src.contains("public void boom() {"), src);
        assertTrue(src.contains("public int close_(int arg0) {"), src);
        assertTrue(src.contains("public dev.wasmjar.runtime.Memory memory() {"), src);
        assertTrue(src.contains("public static int run(dev.wasmjar.runtime.wasi.WasiConfig config) {"), src);
        assertTrue(src.contains("new Lib$Module(host.addTo(linked).build())"), src);
        assertTrue(src.contains("Calls the wasm export <code>add</code>, of type <code>(i32 i32)-&gt;(i32)</code>."), src);
        assertTrue(src.contains("The WebAssembly module <code>src/main/wasm/lib.wasm</code>"), src);
        // the hostile name can neither end the comment nor form a unicode escape
        assertTrue(src.contains("<code>a&#42;/b&#92;u000a\"&#123;&#64;x&#125;</code>"), src);
        assertTrue(src.contains("\"a*/b\\\\u000a\\\"{@x}\""), src);
        assertTrue(src.chars().allMatch(c -> c < 0x80), "the source is ASCII");
    }

    @Test
    void includeListLimitsMethods() {
        String src = FacadeSourceGenerator.generate(spec(libExports(), Set.of("add")));
        assertTrue(src.contains("public int add(int arg0, int arg1)"), src);
        assertFalse(src.contains(" fib("), src);
        assertFalse(src.contains("Memory memory()"), src);
        // still a command: the entry point is found among all exports
        assertTrue(src.contains("public int run() {"), src);
    }

    @Test
    void libraryWithoutEntryPointHasNoRun() {
        List<ModuleExport> exports = List.of(ModuleExport.function("add", "(i32 i32)->(i32)"));
        String src = FacadeSourceGenerator.generate(spec(exports, null));
        assertFalse(src.contains(" run("), src);
        assertFalse(src.contains("host.bind"), src);
        assertNull(FacadeSourceGenerator.commandEntry(exports));
        assertEquals("wasi:cli/run@0.2.0#run", FacadeSourceGenerator.commandEntry(List.of(
                ModuleExport.function("_start", "()->()"),
                ModuleExport.function("wasi:cli/run@0.2.0#run", "()->(i32)"))).name());
    }

    @Test
    void defaultPackageAndOtherPackageInstance() {
        FacadeSpec s = new FacadeSpec("Top", "gen.internal.TopModule", "x.wasm", "00", "g",
                List.of(ModuleExport.function("f", "(f32)->(f64)")), null);
        String src = FacadeSourceGenerator.generate(s);
        assertFalse(src.contains("package "), src);
        assertTrue(src.contains("new gen.internal.TopModule(host.addTo(linked).build())"), src);
        assertTrue(src.contains("public double f(float arg0)"), src);
    }

    @Test
    void generatedFacadeCompilesAndCalls(@TempDir Path dir) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests run on a JDK");
        Path src = dir.resolve("src/t");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Lib$Module.java"), FAKE_INSTANCE);
        Files.writeString(src.resolve("Lib.java"), FacadeSourceGenerator.generate(spec(libExports(), null)));
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        String runtime = Path.of(Instance.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        // Compile the stand-in first, on its own, so that the facade (like in a real build) sees
        // the instance class only as a class file named Lib$Module.
        compile(javac, runtime, out, src.resolve("Lib$Module.java"));
        Files.delete(src.resolve("Lib$Module.java"));
        compile(javac, runtime + File.pathSeparator + out, out, src.resolve("Lib.java"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, Instance.class.getClassLoader())) {
            Class<?> lib = loader.loadClass("t.Lib");
            assertTrue(Modifier.isFinal(lib.getModifiers()));
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            WasiConfig config = WasiConfig.builder().stdin(null).stdout(stdout).stderr(null).build();
            Object a = lib.getMethod("instantiate", WasiConfig.class).invoke(null, config);
            Object b = lib.getConstructor(WasiConfig.class).newInstance(config);
            assertEquals(5, call(lib, a, "add", 2, 3));
            assertEquals(Integer.MIN_VALUE, call(lib, a, "add", Integer.MAX_VALUE, 1));
            assertEquals(12586269025L, call(lib, a, "fib", 50));
            assertEquals(3 * 1.5 + 0.25f, call(lib, a, "mix", 3L, 1.5, 0.25f));
            assertEquals(-4, call(lib, a, "close_", 4));
            assertEquals(-9, call(lib, a, "a_b_u000a_x", 9));
            assertEquals(List.of(3, 1), List.of((Object[]) call(lib, a, "divmod", 10, 3)));
            // instances are independent
            assertEquals(1, call(lib, a, "counter"));
            assertEquals(2, call(lib, a, "counter"));
            assertEquals(1, call(lib, b, "counter"));
            assertEquals(3, call(lib, a, "counter"));
            // traps come out as they are, not wrapped
            InvocationTargetException trap = assertThrows(InvocationTargetException.class, () -> call(lib, a, "boom"));
            assertTrue(trap.getCause() instanceof Trap, String.valueOf(trap.getCause()));
            // the memory export and the command entry point
            assertEquals(1, ((dev.wasmjar.runtime.Memory) lib.getMethod("memory").invoke(a)).pages());
            assertEquals(0, lib.getMethod("run").invoke(a));
            assertEquals(0, lib.getMethod("run", WasiConfig.class).invoke(null, config));
            assertTrue(lib.getMethod("instance").invoke(a) instanceof Instance);
            ((AutoCloseable) a).close();
            ((AutoCloseable) b).close();
        }
    }

    private static Object call(Class<?> c, Object target, String name, Object... args) throws Exception {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                return m.invoke(target, args);
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static void compile(JavaCompiler javac, String classpath, Path out, Path source) {
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror", "-cp", classpath, "-d", out.toString()),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call();
        assertTrue(ok, "javac failed on " + source.getFileName() + ":\n" + diagnostics);
    }
}
