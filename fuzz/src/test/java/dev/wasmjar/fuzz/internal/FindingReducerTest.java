package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a mismatch (the injected fault) is saved, reduced by {@code wasm-reduce} running
 * the fuzzer's own {@code check} in fresh JVMs, and the reduced module still shows it. Takes
 * about half a minute (one JVM start per candidate).
 */
class FindingReducerTest {
    @Test
    void reducesAMismatchAndChecksTheResultAgain(@TempDir Path dir) throws Exception {
        Toolchain tools = TestModules.toolchain();
        FuzzOptions options = FuzzOptions.parse(new String[] {"reduce", "tiny.wasm", "--inject-fault", "--reduce-minutes", "5"});
        ScheduledExecutorService watchdog = Toolchain.watchdog();
        try (V8Executor v8 = new V8Executor(tools.node(), V8Executor.extractHarness(dir), options.timeout(), watchdog)) {
            ModuleCheck check = new ModuleCheck(new WasmjarExecutor(true), v8, watchdog, options.timeout(), new FuzzStats());
            Path tiny = TestModules.path("tiny.wasm");
            Verdict v = check.check(tiny);
            assertEquals("mismatch: result", v.signature());
            FindingStore store = new FindingStore(dir.resolve("findings"), 1);
            store.save(v, tiny, "tiny", "test");
            FindingStore.Finding f = store.firstOfEachSignature().get(0);

            String line = new FindingReducer(tools, options, check).reduce(f);

            assertTrue(line.startsWith("reduced " + Files.size(tiny) + " -> ") && line.contains(" bytes, same verdict: "), line);
            Path reduced = f.dir().resolve("reduced.wasm");
            assertTrue(Files.size(reduced) < Files.size(tiny), line);
            assertEquals("mismatch: result\n", Files.readString(f.dir().resolve("reduced-verdict.txt")));
            assertTrue(Files.readString(f.dir().resolve("reduced.wat")).contains("(result i32)"));
        } finally {
            watchdog.shutdownNow();
        }
    }
}
