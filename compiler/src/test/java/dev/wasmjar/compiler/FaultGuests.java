package dev.wasmjar.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The purpose-built guests of {@code testdata/faults} (C source and build.sh beside them), one
 * per WASI flavour, compiled once per test run. Both take a mode as their first argument:
 * {@code write-forever}, {@code grow}, {@code spin}, {@code sleep-forever}, {@code read-forever}
 * (and, WASI 0.2 only, {@code random-huge}).
 */
enum FaultGuests {
    /** {@code wasi02.wasm}: WASI 0.2 imports, no libc; {@code write-forever} exits 1. */
    WASI_0_2("wasi02"),
    /** {@code preview1.wasm}: wasi-libc over {@code wasi_snapshot_preview1}; {@code write-forever} exits 3. */
    PREVIEW1("preview1");

    static final Path DIR = Path.of("..", "testdata", "faults");
    private static final Map<FaultGuests, CompiledModule> COMPILED = new ConcurrentHashMap<>();

    private final String file;

    FaultGuests(String file) {
        this.file = file;
    }

    /** The module file. */
    Path wasm() {
        return DIR.resolve(file + ".wasm");
    }

    /** The compiled module (compiled on first use). */
    CompiledModule module() {
        return COMPILED.computeIfAbsent(this, g -> {
            try {
                return WasmCompiler.builder().className("faults." + file + ".Program").build()
                        .compile(Files.readAllBytes(g.wasm()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The guest's program name (args[0]). */
    String programName() {
        return file;
    }
}
