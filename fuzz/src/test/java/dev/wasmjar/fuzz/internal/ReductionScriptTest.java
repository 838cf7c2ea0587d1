package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReductionScriptTest {
    @Test
    void runsTheCheckCommandOnTheCandidate() {
        String s = ReductionScript.text(Path.of("/jdk/bin/java"), "/a.jar:/b c/classes", List.of("--simd", "false"),
                Path.of("/work/cand.wasm"));
        assertTrue(s.startsWith("#!/bin/sh\n"), s);
        assertTrue(s.contains("exec '/jdk/bin/java' "), s);
        assertTrue(s.contains(" '-cp' '/a.jar:/b c/classes' 'dev.wasmjar.fuzz.Fuzz' 'check' '/work/cand.wasm' '--simd' 'false'\n"), s);
    }

    @Test
    void quotesForTheShell() {
        assertEquals("'it'\\''s'", ReductionScript.quote("it's"));
        assertEquals("'$HOME `x`'", ReductionScript.quote("$HOME `x`"));
    }

    @Test
    void theShellReceivesEveryArgumentIntact(@TempDir Path dir) throws Exception {
        // /bin/echo stands in for java: the script must hand it the words unchanged
        Path candidate = dir.resolve("it's a candidate.wasm");
        Path script = Files.writeString(dir.resolve("reduce.sh"),
                ReductionScript.text(Path.of("/bin/echo"), "/x y/classes", List.of("--inject-fault"), candidate));
        Process p = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertEquals(0, p.waitFor());
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss16m -cp /x y/classes dev.wasmjar.fuzz.Fuzz check "
                + candidate.toAbsolutePath() + " --inject-fault\n", out.toString(StandardCharsets.UTF_8));
    }
}
