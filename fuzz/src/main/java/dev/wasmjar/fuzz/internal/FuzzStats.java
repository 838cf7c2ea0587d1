package dev.wasmjar.fuzz.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's counters, updated by every worker, and the progress and summary lines made from
 * them. "Compared" counts modules both engines ran to the end (verdicts SAME and MISMATCH);
 * "exports called" counts the calls in those modules. Thread-safe.
 */
public final class FuzzStats {
    private final long startNanos = System.nanoTime();
    final AtomicLong generated = new AtomicLong();
    final AtomicLong generatorFailures = new AtomicLong();
    final AtomicLong compared = new AtomicLong();
    final AtomicLong exportsCalled = new AtomicLong();
    final AtomicLong mismatches = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong v8Rejected = new AtomicLong();
    /** Of {@link #v8Rejected}: the modules wasmjar compiled and linked. */
    final AtomicLong onlyV8Rejected = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong v8Crashes = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private final AtomicLong[] stageNanos = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    /** The stages of a module whose time is summed up. */
    public enum Stage { GENERATE, WASMJAR, V8 }

    /** Adds {@code nanos} of wall time spent in {@code stage}. */
    public void time(Stage stage, long nanos) {
        stageNanos[stage.ordinal()].addAndGet(nanos);
    }

    /** Counts one module's verdict. */
    public void count(Verdict v) {
        switch (v.kind()) {
            case SAME:
            case MISMATCH:
                compared.incrementAndGet();
                exportsCalled.addAndGet(v.v8().transcript().calls());
                if (v.kind() == Verdict.Kind.MISMATCH) {
                    mismatches.incrementAndGet();
                }
                break;
            case REFUSAL: refusals.incrementAndGet(); break;
            case V8_REJECTED:
                v8Rejected.incrementAndGet();
                if (v.onlyV8Rejected()) {
                    onlyV8Rejected.incrementAndGet();
                }
                break;
            case TIMEOUT: timeouts.incrementAndGet(); break;
            default: v8Crashes.incrementAndGet(); break;
        }
    }

    public void countGenerated() {
        generated.incrementAndGet();
    }

    public void countGeneratorFailure() {
        generatorFailures.incrementAndGet();
    }

    /** Counts a module the fuzzer itself failed on (an I/O error, say). */
    public void countError() {
        errors.incrementAndGet();
    }

    public long errors() {
        return errors.get();
    }

    public long mismatches() {
        return mismatches.get();
    }

    public long refusals() {
        return refusals.get();
    }

    public long onlyV8Rejected() {
        return onlyV8Rejected.get();
    }

    public long compared() {
        return compared.get();
    }

    /** Seconds since the run started. */
    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The mean wall time per generated module in each stage, e.g. {@code generate 41 ms, wasmjar 30 ms, v8 12 ms}. */
    public String stageLine() {
        long n = Math.max(1, generated.get());
        StringBuilder sb = new StringBuilder("mean per module:");
        for (Stage st : Stage.values()) {
            sb.append(st.ordinal() == 0 ? " " : ", ").append(st.name().toLowerCase(Locale.ROOT)).append(' ')
                    .append(stageNanos[st.ordinal()].get() / n / 1_000_000).append(" ms");
        }
        return sb.toString();
    }

    /** One line with every counter and the throughput (generated modules per second). */
    public String line() {
        double s = seconds();
        return String.format(Locale.ROOT,
                "modules generated %d, compared %d, exports called %d, mismatches %d, refusals %d, "
                        + "v8-rejected %d (wasmjar ran %d of them), timeouts %d, v8-crashes %d, generator-failures %d, errors %d; %.0f s, %.1f modules/s",
                generated.get(), compared.get(), exportsCalled.get(), mismatches.get(), refusals.get(),
                v8Rejected.get(), onlyV8Rejected.get(), timeouts.get(), v8Crashes.get(), generatorFailures.get(), errors.get(), s,
                s > 0 ? generated.get() / s : 0.0);
    }
}
