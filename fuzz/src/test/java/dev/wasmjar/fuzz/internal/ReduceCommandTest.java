package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The finding path (saving, then reducing) is {@link FindingReducerTest}'s; this is the command around it. */
class ReduceCommandTest {
    @Test
    void aModuleBothEnginesAgreeOnIsNeitherSavedNorReduced(@TempDir Path dir) throws Exception {
        Toolchain tools = TestModules.toolchain();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Verdict v = ReduceCommand.run(FuzzOptions.parse(new String[] {"reduce", TestModules.path("traps.wasm").toString(),
            "--out", dir.toString()}), tools, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(Verdict.Kind.SAME, v.kind());
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("traps.wasm: same\n"), out.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("findings")));
    }
}
