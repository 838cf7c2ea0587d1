package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class HelloTest {
    @Test
    void runsWithArgumentsThroughTheFacade() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Hello.run(WasiConfig.builder().args("hello", "a1", "b 2").stdin(null).stdout(out).stderr(err).build());
        assertEquals(0, exit);
        assertEquals(resource("/hello.stdout"), out.toString(StandardCharsets.UTF_8));
        assertEquals("this line goes to stderr\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void instancesAreIndependent() {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Hello first = Hello.instantiate(WasiConfig.builder().args("x").stdout(a).stderr(null).build());
                Hello second = new Hello(WasiConfig.builder().args("y", "z").stdout(b).stderr(null).build())) {
            assertEquals(0, second.run());
            assertEquals(0, first.run());
        }
        assertTrue(a.toString(StandardCharsets.UTF_8).contains("args=1\n"), a.toString(StandardCharsets.UTF_8));
        assertTrue(b.toString(StandardCharsets.UTF_8).contains("args=2\narg[1]=z\n"), b.toString(StandardCharsets.UTF_8));
    }

    @Test
    void facadeDescribesItsSource() {
        assertTrue(Hello.SOURCE.endsWith("examples/hello/hello.wasm"), Hello.SOURCE);
        assertEquals(64, Hello.SOURCE_SHA256.length());
    }

    /** The plugin keeps the compiler to itself: only wasmjar-runtime is on the project's class path. */
    @Test
    void noCompilerOnTheClassPath() {
        for (String name : new String[] {"dev.wasmjar.compiler.WasmCompiler", "org.objectweb.asm.ClassWriter",
                "com.dylibso.chicory.wasm.Parser", "dev.wasmjar.maven.CompileMojo"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(HelloTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
