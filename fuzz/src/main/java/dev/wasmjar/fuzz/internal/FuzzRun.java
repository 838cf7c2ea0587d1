package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code run}: generates modules {@code first .. first+modules-1} of the seed on N worker
 * threads (each with its own generator, V8 process and working directory), checks each,
 * counts verdicts, saves findings, prints a progress line every few seconds; then reduces the
 * first finding of each signature and writes {@code report.txt} with the summary.
 */
public final class FuzzRun {
    private static final long PROGRESS_SECONDS = 10;
    private static final int KEEP_PER_SIGNATURE = 20;

    private final FuzzOptions options;
    private final Toolchain tools;
    private final PrintStream log;
    private final FuzzStats stats = new FuzzStats();
    private final FindingStore store;

    public FuzzRun(FuzzOptions options, Toolchain tools, PrintStream log) {
        this.options = options;
        this.tools = tools;
        this.log = log;
        this.store = new FindingStore(options.out().resolve("findings"), KEEP_PER_SIGNATURE);
    }

    /** Runs; returns the counters. */
    public FuzzStats run() throws IOException, InterruptedException {
        Path work = options.out().resolve("work");
        Path harness = V8Executor.extractHarness(work);
        ScheduledExecutorService watchdog = Toolchain.watchdog();
        log.println("fuzz: seed " + options.seed() + ", modules " + options.first() + ".." + (options.first() + options.modules() - 1)
                + ", " + options.threads() + " threads, features " + String.join(" ", Features.all(options.simd()))
                + " (reference types in 1 module of " + Features.REFERENCE_TYPES_EVERY + ")"
                + (options.injectFault() ? ", INJECTED FAULT" : "") + "; output in " + options.out());
        AtomicLong next = new AtomicLong(options.first());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.threads(); w++) {
            Path dir = work.resolve("w" + w);
            Thread t = new Thread(() -> work(dir, harness, watchdog, next), "fuzz-worker-" + w);
            workers.add(t);
            t.start();
        }
        var progress = watchdog.scheduleAtFixedRate(() -> log.println("fuzz: " + stats.line()),
                PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
        for (Thread t : workers) {
            t.join();
        }
        progress.cancel(false);
        String summary = "fuzz: " + stats.line();
        log.println(summary);
        log.println("fuzz: " + stats.stageLine());
        StringBuilder report = new StringBuilder(summary).append('\n');
        for (Map.Entry<String, Integer> e : store.counts().entrySet()) {
            String line = e.getValue() + " x " + e.getKey();
            log.println("fuzz: " + line);
            report.append(line).append('\n');
        }
        if (options.reduce()) {
            reduceFindings(watchdog, harness, report);
        }
        Files.writeString(options.out().resolve("report.txt"), report);
        watchdog.shutdownNow();
        return stats;
    }

    private void work(Path dir, Path harness, ScheduledExecutorService watchdog, AtomicLong next) {
        ModuleGenerator generator = new ModuleGenerator(tools.wasmOpt(), options.simd(), dir);
        try (V8Executor v8 = new V8Executor(tools.node(), harness, options.timeout(), watchdog)) {
            ModuleCheck check = new ModuleCheck(new WasmjarExecutor(options.injectFault()), v8, watchdog, options.timeout(), stats);
            for (long index; (index = next.getAndIncrement()) < options.first() + options.modules(); ) {
                try {
                    long t0 = System.nanoTime();
                    Path module = generator.generate(options.seed(), index);
                    stats.time(FuzzStats.Stage.GENERATE, System.nanoTime() - t0);
                    if (module == null) {
                        stats.countGeneratorFailure();
                        continue;
                    }
                    stats.countGenerated();
                    Verdict v = check.check(module);
                    stats.count(v);
                    if (v.isFinding() || v.onlyV8Rejected()) {
                        store.save(v, module, options.seed() + "-" + index, "module " + index + " of seed " + options.seed());
                        log.println("fuzz: module " + index + ": " + v.signature());
                    }
                } catch (IOException | RuntimeException e) {
                    stats.countError();
                    log.println("fuzz: module " + index + ": fuzzer error " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void reduceFindings(ScheduledExecutorService watchdog, Path harness, StringBuilder report)
            throws IOException, InterruptedException {
        try (V8Executor v8 = new V8Executor(tools.node(), harness, options.timeout(), watchdog)) {
            ModuleCheck check = new ModuleCheck(new WasmjarExecutor(options.injectFault()), v8, watchdog, options.timeout(),
                    new FuzzStats());
            FindingReducer reducer = new FindingReducer(tools, options, check);
            for (FindingStore.Finding f : store.firstOfEachSignature()) {
                if (!f.verdict().isFinding()) {
                    continue; // kept for a look, not reduced: the reducer keeps a mismatch or refusal
                }
                log.println("fuzz: reducing " + f.dir() + " (" + f.verdict().signature() + ")");
                String line = reducer.reduce(f);
                log.println("fuzz: " + line);
                report.append(line).append('\n');
            }
        }
    }
}
