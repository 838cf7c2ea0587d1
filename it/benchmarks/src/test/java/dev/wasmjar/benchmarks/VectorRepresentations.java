package dev.wasmjar.benchmarks;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.V128;
import dev.wasmjar.runtime.internal.simd.FloatLanes;
import dev.wasmjar.runtime.internal.simd.IntLanes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The representations of {@code v128} that were candidates for compiled code, each as the Java a
 * compiler would emit for the same two vectorised loops over linear memory (a {@code byte[]}
 * accessed through the little-endian views generated code uses):
 * <ul>
 *   <li>{@code saxpy}: {@code y[i] = a * x[i] + y[i]} on f32 lanes (f32x4.splat, v128.load,
 *       f32x4.mul, f32x4.add, v128.store);</li>
 *   <li>{@code count}: how many bytes equal {@code c} (i8x16.eq, i8x16.sub as a per-lane counter,
 *       i8x16 lanes summed every 255 blocks).</li>
 * </ul>
 * Candidates: the scalar loop (no SIMD, the baseline a SIMD build must beat), two {@code long}
 * halves with static lane helpers (what wasmjar emits), an immutable object per vector value
 * (relying on escape analysis to remove the allocations), and a {@code byte[16]} scratch array per
 * value, and four {@code int} lanes per value (f32 lanes reinterpreted per operation, byte lanes
 * as 32-bit SWAR). Each method returns a checksum so that the JIT cannot drop the work, and all four give the
 * same result.
 */
final class VectorRepresentations {
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final String[] CANDIDATES = {"scalar", "two longs", "object per value", "byte[16] scratch", "four int lanes"};

    private VectorRepresentations() {
    }

    /** A memory of {@code floats} x values, {@code floats} y values, then {@code 16 * blocks} bytes to scan. */
    static byte[] memory(int floats, int scanBytes) {
        byte[] m = new byte[8 * floats + scanBytes];
        int s = 12345;
        for (int i = 0; i < 2 * floats; i++) {
            s = s * 1103515245 + 12345;
            FLOAT.set(m, 4 * i, (float) ((s >>> 16) & 1023) / 64f);
        }
        for (int i = 8 * floats; i < m.length; i++) {
            s = s * 1103515245 + 12345;
            m[i] = (byte) ((s >>> 16) & 15);
        }
        return m;
    }

    static double saxpy(int candidate, byte[] m, int n, float a) {
        switch (candidate) {
            case 0: return saxpyScalar(m, n, a);
            case 1: return saxpyLongs(m, n, a);
            case 2: return saxpyObjects(m, n, a);
            case 3: return saxpyScratch(m, n, a);
            default: return saxpyInts(m, n, a);
        }
    }

    static long count(int candidate, byte[] m, int from, int blocks, byte c) {
        switch (candidate) {
            case 0: return countScalar(m, from, blocks, c);
            case 1: return countLongs(m, from, blocks, c);
            case 2: return countObjects(m, from, blocks, c);
            case 3: return countScratch(m, from, blocks, c);
            default: return countInts(m, from, blocks, c);
        }
    }

    // ---- saxpy ----------------------------------------------------------------------------------

    private static double saxpyScalar(byte[] m, int n, float a) {
        int y = 4 * n;
        for (int i = 0; i < 4 * n; i += 4) {
            FLOAT.set(m, y + i, a * (float) FLOAT.get(m, i) + (float) FLOAT.get(m, y + i));
        }
        return (float) FLOAT.get(m, y + 4 * n - 4);
    }

    private static double saxpyLongs(byte[] m, int n, float a) {
        int y = 4 * n;
        long sa = IntLanes.splat32(Float.floatToRawIntBits(a));
        for (int i = 0; i < 4 * n; i += 16) {
            long xlo = (long) Memory.LONG.get(m, i);
            long xhi = (long) Memory.LONG.get(m, i + 8);
            long ylo = (long) Memory.LONG.get(m, y + i);
            long yhi = (long) Memory.LONG.get(m, y + i + 8);
            long lo = FloatLanes.addF32(FloatLanes.mulF32(sa, xlo), ylo);
            long hi = FloatLanes.addF32(FloatLanes.mulF32(sa, xhi), yhi);
            Memory.LONG.set(m, y + i, lo);
            Memory.LONG.set(m, y + i + 8, hi);
        }
        return (float) FLOAT.get(m, y + 4 * n - 4);
    }

    /** The object candidate's operations: each returns a new value, as an emitter calling helpers on objects would. */
    private static V128 mulF32(V128 a, V128 b) {
        return V128.of(FloatLanes.mulF32(a.lo(), b.lo()), FloatLanes.mulF32(a.hi(), b.hi()));
    }

    private static V128 addF32(V128 a, V128 b) {
        return V128.of(FloatLanes.addF32(a.lo(), b.lo()), FloatLanes.addF32(a.hi(), b.hi()));
    }

    private static double saxpyObjects(byte[] m, int n, float a) {
        int y = 4 * n;
        V128 sa = V128.ofFloats(a, a, a, a);
        for (int i = 0; i < 4 * n; i += 16) {
            V128 x = V128.of((long) Memory.LONG.get(m, i), (long) Memory.LONG.get(m, i + 8));
            V128 yv = V128.of((long) Memory.LONG.get(m, y + i), (long) Memory.LONG.get(m, y + i + 8));
            V128 r = addF32(mulF32(sa, x), yv);
            Memory.LONG.set(m, y + i, r.lo());
            Memory.LONG.set(m, y + i + 8, r.hi());
        }
        return (float) FLOAT.get(m, y + 4 * n - 4);
    }

    private static double saxpyScratch(byte[] m, int n, float a) {
        int y = 4 * n;
        byte[] sa = new byte[16];
        for (int l = 0; l < 4; l++) {
            FLOAT.set(sa, 4 * l, a);
        }
        for (int i = 0; i < 4 * n; i += 16) {
            byte[] x = new byte[16];
            byte[] yv = new byte[16];
            System.arraycopy(m, i, x, 0, 16);
            System.arraycopy(m, y + i, yv, 0, 16);
            byte[] p = new byte[16];
            for (int l = 0; l < 16; l += 4) {
                FLOAT.set(p, l, (float) FLOAT.get(sa, l) * (float) FLOAT.get(x, l));
            }
            byte[] r = new byte[16];
            for (int l = 0; l < 16; l += 4) {
                FLOAT.set(r, l, (float) FLOAT.get(p, l) + (float) FLOAT.get(yv, l));
            }
            System.arraycopy(r, 0, m, y + i, 16);
        }
        return (float) FLOAT.get(m, y + 4 * n - 4);
    }

    // ---- count ----------------------------------------------------------------------------------

    private static long countScalar(byte[] m, int from, int blocks, byte c) {
        long total = 0;
        for (int i = from; i < from + 16 * blocks; i++) {
            total += m[i] == c ? 1 : 0;
        }
        return total;
    }

    /** Horizontal sum of the byte lanes of a half. */
    private static long sumBytes(long h) {
        long pairs = (h & 0x00FF00FF00FF00FFL) + ((h >>> 8) & 0x00FF00FF00FF00FFL);
        long quads = (pairs & 0x0000FFFF0000FFFFL) + ((pairs >>> 16) & 0x0000FFFF0000FFFFL);
        return (quads & 0xFFFFFFFFL) + (quads >>> 32);
    }

    private static long countLongs(byte[] m, int from, int blocks, byte c) {
        long sc = IntLanes.splat8(c);
        long total = 0;
        for (int b = 0; b < blocks; b += 255) {
            long accLo = 0;
            long accHi = 0;
            int end = Math.min(blocks, b + 255);
            for (int k = b; k < end; k++) {
                int at = from + 16 * k;
                long lo = (long) Memory.LONG.get(m, at);
                long hi = (long) Memory.LONG.get(m, at + 8);
                accLo = IntLanes.sub8(accLo, IntLanes.eq8(lo, sc));
                accHi = IntLanes.sub8(accHi, IntLanes.eq8(hi, sc));
            }
            total += sumBytes(accLo) + sumBytes(accHi);
        }
        return total;
    }

    private static V128 eq8(V128 a, V128 b) {
        return V128.of(IntLanes.eq8(a.lo(), b.lo()), IntLanes.eq8(a.hi(), b.hi()));
    }

    private static V128 sub8(V128 a, V128 b) {
        return V128.of(IntLanes.sub8(a.lo(), b.lo()), IntLanes.sub8(a.hi(), b.hi()));
    }

    private static long countObjects(byte[] m, int from, int blocks, byte c) {
        V128 sc = V128.of(IntLanes.splat8(c), IntLanes.splat8(c));
        long total = 0;
        for (int b = 0; b < blocks; b += 255) {
            V128 acc = V128.ZERO;
            int end = Math.min(blocks, b + 255);
            for (int k = b; k < end; k++) {
                int at = from + 16 * k;
                V128 v = V128.of((long) Memory.LONG.get(m, at), (long) Memory.LONG.get(m, at + 8));
                acc = sub8(acc, eq8(v, sc));
            }
            total += sumBytes(acc.lo()) + sumBytes(acc.hi());
        }
        return total;
    }

    private static long countScratch(byte[] m, int from, int blocks, byte c) {
        long total = 0;
        for (int b = 0; b < blocks; b += 255) {
            byte[] acc = new byte[16];
            int end = Math.min(blocks, b + 255);
            for (int k = b; k < end; k++) {
                byte[] v = new byte[16];
                System.arraycopy(m, from + 16 * k, v, 0, 16);
                byte[] eq = new byte[16];
                for (int l = 0; l < 16; l++) {
                    eq[l] = (byte) (v[l] == c ? -1 : 0);
                }
                byte[] next = new byte[16];
                for (int l = 0; l < 16; l++) {
                    next[l] = (byte) (acc[l] - eq[l]);
                }
                acc = next;
            }
            for (int l = 0; l < 16; l++) {
                total += acc[l] & 0xFF;
            }
        }
        return total;
    }

    // ---- four int lanes -----------------------------------------------------------------------

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static int b(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static double saxpyInts(byte[] m, int n, float a) {
        int y = 4 * n;
        int sa = b(a);
        for (int i = 0; i < 4 * n; i += 16) {
            int x0 = (int) Memory.INT.get(m, i);
            int x1 = (int) Memory.INT.get(m, i + 4);
            int x2 = (int) Memory.INT.get(m, i + 8);
            int x3 = (int) Memory.INT.get(m, i + 12);
            int y0 = (int) Memory.INT.get(m, y + i);
            int y1 = (int) Memory.INT.get(m, y + i + 4);
            int y2 = (int) Memory.INT.get(m, y + i + 8);
            int y3 = (int) Memory.INT.get(m, y + i + 12);
            int p0 = b(f(sa) * f(x0));
            int p1 = b(f(sa) * f(x1));
            int p2 = b(f(sa) * f(x2));
            int p3 = b(f(sa) * f(x3));
            Memory.INT.set(m, y + i, b(f(p0) + f(y0)));
            Memory.INT.set(m, y + i + 4, b(f(p1) + f(y1)));
            Memory.INT.set(m, y + i + 8, b(f(p2) + f(y2)));
            Memory.INT.set(m, y + i + 12, b(f(p3) + f(y3)));
        }
        return (float) FLOAT.get(m, y + 4 * n - 4);
    }

    private static int eq8(int a, int b) {
        int x = a ^ b;
        int t = ~(((x & 0x7F7F7F7F) + 0x7F7F7F7F) | x);
        return ((t >>> 7) & 0x01010101) * 0xFF;
    }

    private static int sub8(int a, int b) {
        return ((a | 0x80808080) - (b & 0x7F7F7F7F)) ^ ((a ^ ~b) & 0x80808080);
    }

    private static long countInts(byte[] m, int from, int blocks, byte c) {
        int sc = (c & 0xFF) * 0x01010101;
        long total = 0;
        for (int b = 0; b < blocks; b += 255) {
            int a0 = 0;
            int a1 = 0;
            int a2 = 0;
            int a3 = 0;
            int end = Math.min(blocks, b + 255);
            for (int k = b; k < end; k++) {
                int at = from + 16 * k;
                a0 = sub8(a0, eq8((int) Memory.INT.get(m, at), sc));
                a1 = sub8(a1, eq8((int) Memory.INT.get(m, at + 4), sc));
                a2 = sub8(a2, eq8((int) Memory.INT.get(m, at + 8), sc));
                a3 = sub8(a3, eq8((int) Memory.INT.get(m, at + 12), sc));
            }
            total += sumBytes(a0 & 0xFFFFFFFFL | (long) a1 << 32) + sumBytes(a2 & 0xFFFFFFFFL | (long) a3 << 32);
        }
        return total;
    }
}
