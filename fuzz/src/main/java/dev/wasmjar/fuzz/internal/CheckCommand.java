package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code check FILE}: judges one module and prints its {@link Verdict#signature()} (what the
 * {@link ReductionScript} relies on); with {@code --transcripts}, also where the transcripts
 * differ and both of them.
 */
public final class CheckCommand {
    private CheckCommand() {
    }

    /** Checks {@code options.file()}; returns its verdict after printing it to {@code out}. */
    public static Verdict run(FuzzOptions options, Toolchain tools, Path workDir, PrintStream out) throws IOException {
        ScheduledExecutorService watchdog = Toolchain.watchdog();
        try (V8Executor v8 = new V8Executor(tools.node(), V8Executor.extractHarness(workDir), options.timeout(), watchdog)) {
            Verdict v = new ModuleCheck(new WasmjarExecutor(options.injectFault()), v8, watchdog, options.timeout(), new FuzzStats())
                    .check(options.file().toAbsolutePath());
            out.println(v.signature());
            if (options.transcripts()) {
                v.difference().ifPresent(d -> out.println("first difference at line " + (d.line() + 1)
                        + "\n  wasmjar: " + d.wasmjar() + "\n  v8:      " + d.v8()));
                out.print("--- wasmjar\n" + v.wasmjar().transcript().text() + "--- v8\n" + v.v8().transcript().text());
            }
            return v;
        } finally {
            watchdog.shutdownNow();
        }
    }
}
