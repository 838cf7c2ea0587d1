package dev.wasmjar.compiler;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test support shared by the bad-input, fuzz and corpus tests. */
final class CompileUnderTest {
    private CompileUnderTest() {
    }

    /** Compiles {@code bytes} with the public API into instance class {@code className}. */
    static CompiledModule compile(byte[] bytes, String className) {
        return WasmCompiler.builder().className(className).build().compile(bytes);
    }

    /** The shared test-data folder ({@code -Dwasmjar.shared}, else {@code ../shared}). */
    static Path shared() {
        String prop = System.getProperty("wasmjar.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        if (!Files.isDirectory(p) && prop != null) {
            p = Path.of("..", "shared");
        }
        return p;
    }

    /** The TinyGo corpus build folder, or {@code null} when absent. */
    static Path corpusBuild() {
        Path p = shared().resolve("tinygo-corpus").resolve("build");
        return Files.isDirectory(p) ? p : null;
    }
}
