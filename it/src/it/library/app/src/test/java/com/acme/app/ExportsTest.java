package com.acme.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.lib.Exports;
import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Calls the Go functions of module lib (TinyGo //export) as Java methods. */
class ExportsTest {
    private static WasiConfig quiet() {
        return WasiConfig.builder().stdin(null).stdout(null).stderr(null).build();
    }

    @Test
    void typedCalls() {
        try (Exports go = Exports.instantiate(quiet())) {
            int sum = go.add(2, 3);
            assertEquals(5, sum);
            assertEquals(Integer.MIN_VALUE, go.add(Integer.MAX_VALUE, 1), "i32 wraps around");
            long f = go.fib(90);
            assertEquals(2880067194370816120L, f);
            assertEquals(0L, go.fib(0));
            double m = go.mix(3L, 1.5, 0.25f);
            assertEquals(4.75, m);
        }
    }

    @Test
    void instancesHaveTheirOwnState() {
        try (Exports a = new Exports(quiet()); Exports b = new Exports(quiet())) {
            assertEquals(1, a.counter());
            assertEquals(2, a.counter());
            assertEquals(3, a.counter());
            assertEquals(1, b.counter(), "b's Go globals are its own");
            assertEquals(4, a.counter());
            assertEquals(2, b.counter());
        }
        try (Exports fresh = new Exports(quiet())) {
            assertEquals(1, fresh.counter());
        }
    }

    /** The README's example, as written there, then checked. */
    @Test
    void readmeExample() {
        try (Exports a = Exports.instantiate(WasiConfig.builder().build());
             Exports b = Exports.instantiate(WasiConfig.builder().build())) {
            int sum = a.add(2, 3);            // //export add:  func add(a, b int32) int32
            long f = a.fib(90);               // //export fib:  func fib(n int32) int64
            double m = a.mix(3L, 1.5, 0.25f); // //export mix:  func mix(a int64, b float64, c float32) float64
            a.counter();                      // 1
            b.counter();                      // 1: b has its own state

            assertEquals(5, sum);
            assertEquals(2880067194370816120L, f);
            assertEquals(4.75, m);
            assertEquals(2, a.counter());
            assertEquals(2, b.counter());
        }
    }

    @Test
    void applicationCode() {
        try (Calculator c = new Calculator(); Calculator d = new Calculator()) {
            assertEquals(55L, c.fibonacci(10));
            assertEquals(1, c.ticks());
            assertEquals(2, c.ticks());
            assertEquals(1, d.ticks());
        }
    }

    @Test
    void runsMain() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Exports.run(WasiConfig.builder().args("exports").stdout(out).stderr(null).build()));
        assertEquals(resource("/exports.stdout"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void signaturesAreTyped() throws Exception {
        Method add = Exports.class.getMethod("add", int.class, int.class);
        assertEquals(int.class, add.getReturnType());
        assertEquals(long.class, Exports.class.getMethod("fib", int.class).getReturnType());
        assertEquals(double.class, Exports.class.getMethod("mix", long.class, double.class, float.class).getReturnType());
        // export "close" does not clash with AutoCloseable.close()
        assertEquals(int.class, Exports.class.getMethod("close_", int.class).getReturnType());
        assertTrue(Exports.SOURCE.endsWith("testdata/tinygo/exports/exports.wasm"), Exports.SOURCE);
    }

    @Test
    void onlyTheRuntimeComesAlong() {
        for (String name : new String[] {"dev.wasmjar.compiler.WasmCompiler", "org.objectweb.asm.ClassWriter",
                "com.dylibso.chicory.wasm.Parser"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(ExportsTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
