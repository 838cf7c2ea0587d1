package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Rust preview1 program of testdata/wasip1 run through its generated facade. */
class RustFilesTest {
    private static final Path PROGRAM = Path.of(System.getProperty("wasmjar.root"), "testdata", "wasip1", "rust");

    @Test
    void runsFileIoAndStdinThroughTheFacade(@TempDir Path sandbox) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = RustFiles.run(WasiConfig.builder()
                .args("main.wasm", "a", "b c")
                .env("RUST_MODE", "test")
                .stdin(new ByteArrayInputStream(Files.readAllBytes(PROGRAM.resolve("input.txt"))))
                .stdout(out).stderr(err)
                .preopen(sandbox, "/sandbox", false)
                .build());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(Integer.parseInt(Files.readString(PROGRAM.resolve("expected-main.exit")).trim()), exit);
        assertEquals(Files.readString(PROGRAM.resolve("expected-main.stdout")), out.toString(StandardCharsets.UTF_8));
        try (var left = Files.list(sandbox)) {
            assertEquals(0, left.count(), "the program removes what it creates");
        }
    }
}
