package dev.wasmjar.fuzz.internal;

import java.util.List;

/**
 * How one engine fared with one module: it ran the procedure ({@link #transcript()}), rejected
 * the module (compile or link error, {@link #detail()} says why), ran out of time, or crashed
 * (the Node.js process died or its harness failed).
 */
public record EngineRun(Status status, Transcript transcript, String detail) {
    /** The outcome kinds. */
    public enum Status { RAN, REJECTED, TIMEOUT, CRASHED }

    public static EngineRun ran(Transcript t) {
        return new EngineRun(Status.RAN, t, "");
    }

    public static EngineRun rejected(String why) {
        return new EngineRun(Status.REJECTED, new Transcript(List.of("rejected " + why)), why);
    }

    public static EngineRun timeout(Transcript partial) {
        return new EngineRun(Status.TIMEOUT, partial, "timeout");
    }

    public static EngineRun crashed(Transcript partial, String why) {
        return new EngineRun(Status.CRASHED, partial, why);
    }
}
