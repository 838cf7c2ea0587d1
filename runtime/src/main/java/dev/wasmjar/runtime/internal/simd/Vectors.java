package dev.wasmjar.runtime.internal.simd;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.V128;

/**
 * Vectors where compiled code meets Java: multi-value results that hold {@code v128}s, and the
 * whole-vector memory store. <b>For generated code only.</b>
 *
 * <p>Compiled code carries a vector as two longs, so in its own multi-value result arrays a
 * vector is two {@code Long}s (low half first); method handles and Java callers see one
 * {@link V128}. {@code kinds} has one character per wasm result: {@code 'v'} for a
 * {@code v128}, anything else for another type.
 */
public final class Vectors {
    private Vectors() {
    }

    /** Compiled code's result array → the method handle's (each pair of halves becomes a V128). */
    public static Object[] liftResults(Object[] lowered, String kinds) {
        Object[] out = new Object[kinds.length()];
        int j = 0;
        for (int i = 0; i < out.length; i++) {
            if (kinds.charAt(i) == 'v') {
                out[i] = V128.of((Long) lowered[j], (Long) lowered[j + 1]);
                j += 2;
            } else {
                out[i] = lowered[j++];
            }
        }
        return out;
    }

    /** A method handle's result array → compiled code's (each V128 becomes its two halves). */
    public static Object[] lowerResults(Object[] results, String kinds) {
        if (results == null || results.length != kinds.length()) {
            throw new IllegalStateException("a host function returned " + (results == null ? "null" : results.length
                    + " values") + " where " + kinds.length() + " were expected");
        }
        int n = kinds.length();
        for (int i = 0; i < kinds.length(); i++) {
            if (kinds.charAt(i) == 'v') {
                n++;
            }
        }
        Object[] out = new Object[n];
        int j = 0;
        for (int i = 0; i < results.length; i++) {
            if (kinds.charAt(i) == 'v') {
                V128 v = vector(results[i]);
                out[j++] = v.lo();
                out[j++] = v.hi();
            } else {
                out[j++] = results[i];
            }
        }
        return out;
    }

    /** {@code v}, or a clear error where a host function handed back {@code null} for a vector. */
    public static V128 vector(Object v) {
        if (v == null) {
            throw new NullPointerException("a v128 value is null");
        }
        return (V128) v;
    }

    /**
     * {@code v128.store} of {@code lo, hi} at array index {@code at}: checked as a whole first, so
     * a store that is partly out of bounds writes nothing.
     */
    public static void store(byte[] memory, int at, long lo, long hi) {
        checkAccess(memory, at);
        Memory.LONG.set(memory, at, lo);
        Memory.LONG.set(memory, at + 8, hi);
    }

    /** Throws as an array access would unless the 16 bytes at {@code at} are all in {@code memory}. */
    public static void checkAccess(byte[] memory, int at) {
        if (at < 0 || at > memory.length - 16) {
            throw new ArrayIndexOutOfBoundsException("v128 access at " + Integer.toUnsignedString(at) + " of "
                    + memory.length + " bytes");
        }
    }
}
