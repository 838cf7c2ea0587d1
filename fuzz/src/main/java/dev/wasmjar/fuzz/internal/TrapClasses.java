package dev.wasmjar.fuzz.internal;

import dev.wasmjar.runtime.TrapKind;

/**
 * The trap classes transcripts compare: as fine as V8's messages allow. V8 reports an
 * out-of-range {@code call_indirect} index and an out-of-bounds table access alike
 * ({@code table}), and a null entry and a signature mismatch alike ({@code indirect}); the
 * messages it maps are listed in {@code harness.js}. One class is not the same on both sides:
 * the spec (and so wasmjar) calls a float-to-integer conversion out of range an "integer
 * overflow", like {@code i32.div_s} of {@code MIN} by -1, while V8 calls it what it calls a
 * NaN conversion ({@code conversion}): see {@link #compatible}.
 */
public final class TrapClasses {
    private TrapClasses() {
    }

    /** The class of a wasmjar trap kind; {@code timeout} for an interrupted run. */
    public static String of(TrapKind kind) {
        switch (kind) {
            case UNREACHABLE: return "unreachable";
            case MEMORY_OUT_OF_BOUNDS: return "memory";
            case TABLE_OUT_OF_BOUNDS:
            case UNDEFINED_ELEMENT: return "table";
            case UNINITIALIZED_ELEMENT:
            case INDIRECT_CALL_TYPE_MISMATCH: return "indirect";
            case INTEGER_DIVIDE_BY_ZERO: return "div-zero";
            case INTEGER_OVERFLOW: return "overflow";
            case INVALID_CONVERSION_TO_INTEGER: return "conversion";
            case CALL_STACK_EXHAUSTED: return "stack";
            case OUT_OF_MEMORY: return "oom";
            case INTERRUPTED: return "timeout";
            default: return "other:" + kind;
        }
    }

    /** Whether wasmjar's trap class {@code wasmjar} and V8's {@code v8} describe the same trap. */
    public static boolean compatible(String wasmjar, String v8) {
        return wasmjar.equals(v8) || (wasmjar.equals("overflow") && v8.equals("conversion"));
    }
}
