package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDemoTest {
    @Test
    void readsAndWritesThePreopenedDirectory(@TempDir Path data) throws Exception {
        try (InputStream in = Objects.requireNonNull(FileDemoTest.class.getResourceAsStream("/fixtures/input.txt"))) {
            Files.copy(in, data.resolve("input.txt"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = FileDemo.run(WasiConfig.builder()
                .args("files")
                .preopen(data, "/data", false)
                .stdin(null).stdout(out).stderr(err)
                .build());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, exit);
        assertEquals(resource("/files.stdout"), out.toString(StandardCharsets.UTF_8));
        // the program cleaned up after itself, on the host's disk
        assertFalse(Files.exists(data.resolve("out")));
        assertEquals(75, Files.size(data.resolve("input.txt")));
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(FileDemoTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
