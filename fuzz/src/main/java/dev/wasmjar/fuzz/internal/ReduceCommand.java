package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code reduce FILE}: checks one module as a run would, and if it is a finding (a mismatch
 * or a refusal) saves it under {@code --out}'s {@code findings/} and reduces it, printing what
 * happened. For modules found elsewhere, such as the shared regression collection.
 */
public final class ReduceCommand {
    private ReduceCommand() {
    }

    /** Checks and, if it is a finding, reduces {@code options.file()}; returns its verdict. */
    public static Verdict run(FuzzOptions options, Toolchain tools, PrintStream out) throws IOException, InterruptedException {
        ScheduledExecutorService watchdog = Toolchain.watchdog();
        Path harness = V8Executor.extractHarness(options.out().resolve("work"));
        try (V8Executor v8 = new V8Executor(tools.node(), harness, options.timeout(), watchdog)) {
            ModuleCheck check = new ModuleCheck(new WasmjarExecutor(options.injectFault()), v8, watchdog, options.timeout(),
                    new FuzzStats());
            Path file = options.file().toAbsolutePath();
            Verdict v = check.check(file);
            out.println("fuzz: " + file + ": " + v.signature());
            if (v.isFinding()) {
                FindingStore store = new FindingStore(options.out().resolve("findings"), 1);
                String name = file.getFileName().toString().replaceAll("\\.wasm$", "");
                store.save(v, file, name, file.toString());
                FindingStore.Finding f = store.firstOfEachSignature().get(0);
                out.println("fuzz: reducing " + f.dir());
                out.println("fuzz: " + new FindingReducer(tools, options, check).reduce(f));
            }
            return v;
        } finally {
            watchdog.shutdownNow();
        }
    }
}
