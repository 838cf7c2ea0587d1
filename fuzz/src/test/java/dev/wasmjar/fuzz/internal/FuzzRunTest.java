package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke run of the normal build: a few generated modules through the whole pipeline. The
 * long run has its own command (see the README).
 */
class FuzzRunTest {
    private static final int MODULES = 24;

    private static FuzzStats run(Path out, ByteArrayOutputStream log, String... extra) throws Exception {
        Toolchain tools = TestModules.toolchain();
        String[] common = {"run", "--out", out.toString(), "--threads", "2"};
        String[] all = new String[common.length + extra.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(extra, 0, all, common.length, extra.length);
        return new FuzzRun(FuzzOptions.parse(all), tools, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
    }

    @Test
    void generatedModulesRunAlikeOnBothEngines(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FuzzStats s = run(dir, log, "--modules", String.valueOf(MODULES), "--seed", "1", "--reduce", "false");
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(MODULES, s.compared() + s.v8Rejected.get() + s.generatorFailures.get(), text);
        assertTrue(s.compared() >= MODULES / 2, text);
        assertTrue(s.exportsCalled.get() > s.compared(), text);
        assertEquals(0, s.mismatches(), text);
        assertEquals(0, s.refusals(), text);
        assertEquals(0, s.errors(), text);
        assertTrue(Files.readString(dir.resolve("report.txt")).startsWith("fuzz: modules generated "), text);
    }

    @Test
    void generatedSimdModulesRunAlikeOnBothEngines(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FuzzStats s = run(dir, log, "--modules", String.valueOf(MODULES), "--seed", "2", "--reduce", "false",
                "--simd", "true");
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--enable-simd"), text);
        assertEquals(MODULES, s.compared() + s.v8Rejected.get() + s.generatorFailures.get(), text);
        assertTrue(s.compared() >= MODULES / 2, text);
        assertEquals(0, s.mismatches(), text);
        assertEquals(0, s.refusals(), text);
        assertEquals(0, s.errors(), text);
    }

    @Test
    void aWasmjarSideFaultIsFoundAndSaved(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FuzzStats s = run(dir, log, "--modules", "2", "--seed", "1", "--reduce", "false", "--inject-fault");
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(s.mismatches() > 0, text);
        assertTrue(text.contains(": mismatch: result"), text);
        assertTrue(Files.readString(dir.resolve("report.txt")).contains(" x mismatch: result"), text);
        assertTrue(Files.isDirectory(dir.resolve("findings").resolve(FindingStore.slug("mismatch: result"))), text);
    }
}
