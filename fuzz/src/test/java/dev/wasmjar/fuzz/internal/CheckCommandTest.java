package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static String check(Path dir, String... args) throws Exception {
        Toolchain tools = TestModules.toolchain();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckCommand.run(FuzzOptions.parse(args), tools, dir, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheVerdictAlone(@TempDir Path dir) throws Exception {
        assertEquals("same\n", check(dir, "check", TestModules.path("values.wasm").toString()));
    }

    @Test
    void withTranscriptsShowsWhereTheyDiffer(@TempDir Path dir) throws Exception {
        String out = check(dir, "check", TestModules.path("values.wasm").toString(), "--inject-fault", "--transcripts");
        assertTrue(out.startsWith("mismatch: result\nfirst difference at line 3\n  wasmjar: result i32:ffffffff\n"
                + "  v8:      result i32:fffffffe\n--- wasmjar\ninstantiate ok\n"), out);
        assertTrue(out.contains("\n--- v8\ninstantiate ok\n"), out);
    }
}
