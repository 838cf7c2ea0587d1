package dev.wasmjar.fuzz.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * What checking one module concluded, from both engines' {@link EngineRun}s.
 *
 * <ul>
 *   <li>{@code SAME}: equal transcripts;
 *   <li>{@code MISMATCH}: different transcripts ({@link #difference()} says where);
 *   <li>{@code REFUSAL}: V8 ran it, wasmjar did not compile or link it;
 *   <li>{@code V8_REJECTED}: V8 did not compile it (nothing to compare; counted). If wasmjar
 *       compiled and linked it all the same ({@link #onlyV8Rejected()}), wasmjar may have
 *       accepted an invalid module (or V8 hit a limit of its own): saved for a look, not a
 *       failure;
 *   <li>{@code TIMEOUT}, {@code V8_CRASHED}: undecided (counted).
 * </ul>
 */
public record Verdict(Kind kind, EngineRun wasmjar, EngineRun v8, Optional<TranscriptComparison.Difference> difference) {
    /** The verdict kinds. */
    public enum Kind { SAME, MISMATCH, REFUSAL, V8_REJECTED, TIMEOUT, V8_CRASHED }

    /** Concludes from both runs. */
    public static Verdict of(EngineRun wasmjar, EngineRun v8) {
        Optional<TranscriptComparison.Difference> none = Optional.empty();
        switch (v8.status()) {
            case REJECTED: return new Verdict(Kind.V8_REJECTED, wasmjar, v8, none);
            case TIMEOUT: return new Verdict(Kind.TIMEOUT, wasmjar, v8, none);
            case CRASHED: return new Verdict(Kind.V8_CRASHED, wasmjar, v8, none);
            default: break;
        }
        switch (wasmjar.status()) {
            case REJECTED: return new Verdict(Kind.REFUSAL, wasmjar, v8, none);
            case TIMEOUT: return new Verdict(Kind.TIMEOUT, wasmjar, v8, none);
            default: break;
        }
        Optional<TranscriptComparison.Difference> d = TranscriptComparison.compare(wasmjar.transcript(), v8.transcript());
        return new Verdict(d.isPresent() ? Kind.MISMATCH : Kind.SAME, wasmjar, v8, d);
    }

    /** Whether this is a finding (a mismatch or a refusal). */
    public boolean isFinding() {
        return kind == Kind.MISMATCH || kind == Kind.REFUSAL;
    }

    /** Whether V8 rejected the module while wasmjar compiled and linked it. */
    public boolean onlyV8Rejected() {
        return kind == Kind.V8_REJECTED && wasmjar.status() != EngineRun.Status.REJECTED;
    }

    /**
     * One line that stays the same while a reduction keeps the problem: the kind, plus the
     * refusal's message with numbers blanked (indices and offsets change as the module
     * shrinks), or the kinds of event that differ.
     */
    public String signature() {
        String k = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (kind) {
            case REFUSAL: return k + ": " + wasmjar.detail().replaceAll("[0-9]+", "N");
            case MISMATCH: return k + ": " + difference.orElseThrow().category();
            case V8_REJECTED: return onlyV8Rejected() ? "v8-rejected-only: " + v8.detail().replaceAll("[0-9]+", "N") : k;
            default: return k;
        }
    }
}
