package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A successful reduction is {@link FindingReducerTest}'s (it takes tens of seconds). */
class ReducerTest {
    @Test
    void theScriptGetsAnAbsoluteClassPath() {
        for (String entry : Reducer.absoluteClassPath().split(File.pathSeparator)) {
            assertTrue(Path.of(entry).isAbsolute(), entry);
        }
    }

    @Test
    void aReductionOverItsBudgetIsStoppedWithEveryProcessItStarted(@TempDir Path dir) throws Exception {
        Toolchain tools = TestModules.toolchain();
        Files.copy(TestModules.path("values.wasm"), dir.resolve("module.wasm"), StandardCopyOption.REPLACE_EXISTING);
        Reducer r = new Reducer(tools.wasmReduce(), tools.wasmOpt(), Features.all(false), List.of(), Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        r.reduce(dir); // a few candidates at most: reduced.wasm may or may not exist
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(60).toNanos(), "stopped long after its budget");
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count());
        assertTrue(Files.readString(dir.resolve("reduce.log")).contains("wasm-reduce"));
        assertTrue(Files.readString(dir.resolve("reduce.sh")).contains("'check' '" + dir.resolve("candidate.wasm")));
        assertFalse(Files.exists(dir.resolve("candidate.wasm")));
    }
}
