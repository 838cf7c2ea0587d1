package dev.wasmjar.runtime.internal.simd;

import dev.wasmjar.runtime.internal.Ops;

/**
 * The floating-point lane operations of {@code v128}, one 64-bit half at a time: a half holds two
 * {@code f32} lanes (the low one in bits 0–31) or one {@code f64}. <b>For generated code only.</b>
 *
 * <p>Lane values move between bits and Java floats with the raw conversions, so NaN payloads
 * pass through; Java's arithmetic gives WebAssembly's results for the IEEE operations, and the
 * scalar helpers of {@link Ops} the NaN rules of the roundings (a NaN input gives a quiet NaN);
 * {@code min}/{@code max} order -0 below +0 and give a canonical NaN for a NaN operand.
 * Comparisons give all ones in a lane where true. See {@link IntLanes} for the layout.
 */
public final class FloatLanes {
    private FloatLanes() {
    }

    private static float f0(long x) {
        return Float.intBitsToFloat((int) x);
    }

    private static float f1(long x) {
        return Float.intBitsToFloat((int) (x >>> 32));
    }

    private static long bits(float lo, float hi) {
        return IntLanes.pack(Float.floatToRawIntBits(lo), Float.floatToRawIntBits(hi));
    }

    private static double d(long x) {
        return Double.longBitsToDouble(x);
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static long mask(boolean lo, boolean hi) {
        return (lo ? 0xFFFF_FFFFL : 0) | (hi ? 0xFFFF_FFFF_0000_0000L : 0);
    }

    // ---- f32x4 arithmetic --------------------------------------------------------------------

    public static long addF32(long a, long b) {
        return bits(f0(a) + f0(b), f1(a) + f1(b));
    }

    public static long subF32(long a, long b) {
        return bits(f0(a) - f0(b), f1(a) - f1(b));
    }

    public static long mulF32(long a, long b) {
        return bits(f0(a) * f0(b), f1(a) * f1(b));
    }

    public static long divF32(long a, long b) {
        return bits(f0(a) / f0(b), f1(a) / f1(b));
    }

    // A NaN operand makes min and max return a canonical NaN (the spec allows any quiet NaN):
    // negative for min, and for max with the sign of either NaN-or-not operand's sign bit set,
    // which is what V8 computes on x86-64, so that differential fuzzing can compare exact bits.
    private static final int MIN_NAN32 = 0xFFC0_0000;
    private static final long MIN_NAN64 = 0xFFF8_0000_0000_0000L;

    private static int min32(int a, int b) {
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        return x != x || y != y ? MIN_NAN32 : Float.floatToRawIntBits(Math.min(x, y));
    }

    private static int max32(int a, int b) {
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        return x != x || y != y ? 0x7FC0_0000 | ((a | b) & 0x8000_0000) : Float.floatToRawIntBits(Math.max(x, y));
    }

    public static long minF32(long a, long b) {
        return IntLanes.pack(min32((int) a, (int) b), min32((int) (a >>> 32), (int) (b >>> 32)));
    }

    public static long maxF32(long a, long b) {
        return IntLanes.pack(max32((int) a, (int) b), max32((int) (a >>> 32), (int) (b >>> 32)));
    }

    /** pmin: b &lt; a ? b : a, lane by lane (a NaN operand gives a). */
    public static long pminF32(long a, long b) {
        return IntLanes.pack(f0(b) < f0(a) ? (int) b : (int) a, f1(b) < f1(a) ? (int) (b >>> 32) : (int) (a >>> 32));
    }

    /** pmax: a &lt; b ? b : a. */
    public static long pmaxF32(long a, long b) {
        return IntLanes.pack(f0(a) < f0(b) ? (int) b : (int) a, f1(a) < f1(b) ? (int) (b >>> 32) : (int) (a >>> 32));
    }

    /** Sign bits cleared: exact on NaNs, as the spec requires. */
    public static long absF32(long a) {
        return a & 0x7FFF_FFFF_7FFF_FFFFL;
    }

    public static long negF32(long a) {
        return a ^ 0x8000_0000_8000_0000L;
    }

    public static long sqrtF32(long a) {
        return bits((float) Math.sqrt(f0(a)), (float) Math.sqrt(f1(a)));
    }

    public static long ceilF32(long a) {
        return bits(Ops.f32Ceil(f0(a)), Ops.f32Ceil(f1(a)));
    }

    public static long floorF32(long a) {
        return bits(Ops.f32Floor(f0(a)), Ops.f32Floor(f1(a)));
    }

    public static long truncF32(long a) {
        return bits(Ops.f32Trunc(f0(a)), Ops.f32Trunc(f1(a)));
    }

    public static long nearestF32(long a) {
        return bits(Ops.f32Nearest(f0(a)), Ops.f32Nearest(f1(a)));
    }

    // ---- f64x2 arithmetic (one lane per half) -------------------------------------------------

    public static long addF64(long a, long b) {
        return bits(d(a) + d(b));
    }

    public static long subF64(long a, long b) {
        return bits(d(a) - d(b));
    }

    public static long mulF64(long a, long b) {
        return bits(d(a) * d(b));
    }

    public static long divF64(long a, long b) {
        return bits(d(a) / d(b));
    }

    public static long minF64(long a, long b) {
        double x = d(a);
        double y = d(b);
        return x != x || y != y ? MIN_NAN64 : bits(Math.min(x, y));
    }

    public static long maxF64(long a, long b) {
        double x = d(a);
        double y = d(b);
        return x != x || y != y ? 0x7FF8_0000_0000_0000L | ((a | b) & Long.MIN_VALUE) : bits(Math.max(x, y));
    }

    public static long pminF64(long a, long b) {
        return d(b) < d(a) ? b : a;
    }

    public static long pmaxF64(long a, long b) {
        return d(a) < d(b) ? b : a;
    }

    public static long absF64(long a) {
        return a & Long.MAX_VALUE;
    }

    public static long negF64(long a) {
        return a ^ Long.MIN_VALUE;
    }

    public static long sqrtF64(long a) {
        return bits(Math.sqrt(d(a)));
    }

    public static long ceilF64(long a) {
        return bits(Ops.f64Ceil(d(a)));
    }

    public static long floorF64(long a) {
        return bits(Ops.f64Floor(d(a)));
    }

    public static long truncF64(long a) {
        return bits(Ops.f64Trunc(d(a)));
    }

    public static long nearestF64(long a) {
        return bits(Ops.f64Nearest(d(a)));
    }

    // ---- comparisons -------------------------------------------------------------------------

    public static long eqF32(long a, long b) {
        return mask(f0(a) == f0(b), f1(a) == f1(b));
    }

    public static long neF32(long a, long b) {
        return mask(f0(a) != f0(b), f1(a) != f1(b));
    }

    public static long ltF32(long a, long b) {
        return mask(f0(a) < f0(b), f1(a) < f1(b));
    }

    public static long gtF32(long a, long b) {
        return mask(f0(a) > f0(b), f1(a) > f1(b));
    }

    public static long leF32(long a, long b) {
        return mask(f0(a) <= f0(b), f1(a) <= f1(b));
    }

    public static long geF32(long a, long b) {
        return mask(f0(a) >= f0(b), f1(a) >= f1(b));
    }

    public static long eqF64(long a, long b) {
        return d(a) == d(b) ? -1L : 0;
    }

    public static long neF64(long a, long b) {
        return d(a) != d(b) ? -1L : 0;
    }

    public static long ltF64(long a, long b) {
        return d(a) < d(b) ? -1L : 0;
    }

    public static long gtF64(long a, long b) {
        return d(a) > d(b) ? -1L : 0;
    }

    public static long leF64(long a, long b) {
        return d(a) <= d(b) ? -1L : 0;
    }

    public static long geF64(long a, long b) {
        return d(a) >= d(b) ? -1L : 0;
    }

    // ---- conversions ---------------------------------------------------------------------------

    /** i32x4.trunc_sat_f32x4_s on one half: Java's float-to-int cast saturates and maps NaN to 0. */
    public static long truncSatF32S(long a) {
        return IntLanes.pack((int) f0(a), (int) f1(a));
    }

    private static int truncSatU(double x) {
        if (!(x > -1.0)) { // NaN too
            return 0;
        }
        if (x >= 4294967296.0) {
            return -1;
        }
        return (int) (long) x;
    }

    public static long truncSatF32U(long a) {
        return IntLanes.pack(truncSatU(f0(a)), truncSatU(f1(a)));
    }

    public static long convertI32S(long a) {
        return bits((float) (int) a, (float) (int) (a >>> 32));
    }

    public static long convertI32U(long a) {
        return bits((float) (a & 0xFFFF_FFFFL), (float) (a >>> 32));
    }

    /** f32x4.demote_f64x2_zero: the two f64 lanes {@code lo} and {@code hi} as f32 lanes of one half. */
    public static long demoteF64(long lo, long hi) {
        return bits((float) d(lo), (float) d(hi));
    }

    /** f64x2.promote_low_f32x4: f32 lane 0 of the half as an f64. */
    public static long promoteLow(long a) {
        return bits((double) f0(a));
    }

    /** f32 lane 1 of the half as an f64. */
    public static long promoteHigh(long a) {
        return bits((double) f1(a));
    }

    /** i32x4.trunc_sat_f64x2_s_zero: the two f64 lanes as i32 lanes of one half. */
    public static long truncSatF64S(long lo, long hi) {
        return IntLanes.pack((int) d(lo), (int) d(hi));
    }

    public static long truncSatF64U(long lo, long hi) {
        return IntLanes.pack(truncSatU(d(lo)), truncSatU(d(hi)));
    }

    /** f64x2.convert_low_i32x4_s: i32 lane 0 of the half as an f64. */
    public static long convertLowS(long a) {
        return bits((double) (int) a);
    }

    public static long convertHighS(long a) {
        return bits((double) (int) (a >>> 32));
    }

    public static long convertLowU(long a) {
        return bits((double) (a & 0xFFFF_FFFFL));
    }

    public static long convertHighU(long a) {
        return bits((double) (a >>> 32));
    }
}
