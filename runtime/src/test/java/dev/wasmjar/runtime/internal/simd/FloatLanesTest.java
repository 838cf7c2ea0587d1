package dev.wasmjar.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float lane helpers on both lanes of a half, with the NaN, zero and saturation edges. */
class FloatLanesTest {
    private static final int SNAN32 = 0x7FA00000;
    private static final long SNAN64 = 0x7FF4000000000000L;

    private static long f32(float lo, float hi) {
        return IntLanes.pack(Float.floatToRawIntBits(lo), Float.floatToRawIntBits(hi));
    }

    private static long f32Bits(int lo, int hi) {
        return IntLanes.pack(lo, hi);
    }

    private static float lane(long half, int i) {
        return Float.intBitsToFloat((int) (half >>> (32 * i)));
    }

    private static boolean quietNan32(int bits) {
        return (bits & 0x7FC00000) == 0x7FC00000;
    }

    @Test
    void arithmeticWorksOnEachLaneIndependently() {
        long a = f32(1.5f, -3f);
        long b = f32(0.25f, 2f);
        assertEquals(f32(1.75f, -1f), FloatLanes.addF32(a, b));
        assertEquals(f32(1.25f, -5f), FloatLanes.subF32(a, b));
        assertEquals(f32(0.375f, -6f), FloatLanes.mulF32(a, b));
        assertEquals(f32(6f, -1.5f), FloatLanes.divF32(a, b));
        assertEquals(f32(2f, 3f), FloatLanes.sqrtF32(f32(4f, 9f)));
        assertEquals(Double.doubleToRawLongBits(0.5), FloatLanes.mulF64(Double.doubleToRawLongBits(0.25),
                Double.doubleToRawLongBits(2.0)));
    }

    @Test
    void minAndMaxOrderZerosAndGiveQuietNans() {
        long r = FloatLanes.minF32(f32(0f, 1f), f32(-0f, Float.intBitsToFloat(SNAN32)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(lane(r, 0)));
        assertTrue(quietNan32((int) (r >>> 32)), "a signalling NaN operand gives a quiet NaN");
        assertEquals(f32(0f, 2f), FloatLanes.maxF32(f32(-0f, 2f), f32(0f, 1f)));
        long d = FloatLanes.maxF64(SNAN64, Double.doubleToRawLongBits(1.0));
        assertTrue(Double.isNaN(Double.longBitsToDouble(d)) && (d & 0x0008000000000000L) != 0);
    }

    @Test
    void nanResultsOfMinAndMaxAreCanonicalWithTheSignsV8Gives() {
        long nanPlus = f32Bits(0x7FA00000, 0x7FA00000);
        assertEquals(f32Bits(0xFFC00000, 0xFFC00000), FloatLanes.minF32(nanPlus, f32(1f, 1f)));
        assertEquals(f32Bits(0x7FC00000, 0xFFC00000), FloatLanes.maxF32(nanPlus, f32(1f, -1f)));
        assertEquals(f32Bits(0xFFC00000, 0xFFC00000), FloatLanes.maxF32(f32(1f, -1f), f32Bits(0xFFFFFFF6, 0x7FA00000)));
        assertEquals(0xFFF8000000000000L, FloatLanes.minF64(0, SNAN64));
        assertEquals(0x7FF8000000000000L, FloatLanes.maxF64(SNAN64, 0));
        assertEquals(0xFFF8000000000000L, FloatLanes.maxF64(SNAN64, Double.doubleToRawLongBits(-1.0)));
    }

    @Test
    void pseudoMinAndMaxReturnAnOperandUnchanged() {
        long nan = f32Bits(SNAN32, SNAN32);
        long one = f32(1f, 1f);
        assertEquals(nan, FloatLanes.pminF32(nan, one), "b < NaN is false: a");
        assertEquals(one, FloatLanes.pminF32(one, nan));
        assertEquals(f32(-0f, 1f), FloatLanes.pmaxF32(f32(-0f, 1f), f32(0f, 0f)), "-0 < 0 is false: a");
        assertEquals(SNAN64, FloatLanes.pmaxF64(SNAN64, Double.doubleToRawLongBits(2.0)));
    }

    @Test
    void signOperationsKeepNanPayloads() {
        long nan = f32Bits(0xFFA00001, 0x7FC00002);
        assertEquals(f32Bits(0x7FA00001, 0x7FC00002), FloatLanes.absF32(nan));
        assertEquals(f32Bits(0x7FA00001, 0xFFC00002), FloatLanes.negF32(nan));
        assertEquals(0xFFF4000000000001L, FloatLanes.negF64(0x7FF4000000000001L));
    }

    @Test
    void roundingOfEachLane() {
        long x = f32(-2.5f, 2.5f);
        assertEquals(f32(-2f, 3f), FloatLanes.ceilF32(x));
        assertEquals(f32(-3f, 2f), FloatLanes.floorF32(x));
        assertEquals(f32(-2f, 2f), FloatLanes.truncF32(x));
        assertEquals(f32(-2f, 2f), FloatLanes.nearestF32(x), "ties to even");
        assertEquals(f32(-0f, 0f), FloatLanes.nearestF32(f32(-0.4f, 0.4f)), "sign of zero kept");
        assertTrue(quietNan32((int) FloatLanes.floorF32(f32Bits(SNAN32, 0))));
        assertEquals(Double.doubleToRawLongBits(-4.0), FloatLanes.nearestF64(Double.doubleToRawLongBits(-3.5)));
    }

    @Test
    void comparisonsGiveAllOnesLanes() {
        long a = f32(1f, Float.NaN);
        long b = f32(1f, Float.NaN);
        assertEquals(0x00000000FFFFFFFFL, FloatLanes.eqF32(a, b));
        assertEquals(0xFFFFFFFF00000000L, FloatLanes.neF32(a, b));
        assertEquals(0L, FloatLanes.ltF32(a, b));
        assertEquals(0x00000000FFFFFFFFL, FloatLanes.geF32(a, b));
        assertEquals(-1L, FloatLanes.leF64(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(0.0)));
        assertEquals(0L, FloatLanes.gtF64(Double.doubleToRawLongBits(Double.NaN), 0));
    }

    @Test
    void conversionsSaturateAndMapNanToZero() {
        long r = FloatLanes.truncSatF32S(f32(3e9f, Float.NaN));
        assertEquals(IntLanes.pack(Integer.MAX_VALUE, 0), r);
        assertEquals(IntLanes.pack(0, -1), FloatLanes.truncSatF32U(f32(-0.9f, 5e9f)));
        assertEquals(IntLanes.pack((int) 3000000000L, 7), FloatLanes.truncSatF32U(f32(3e9f, 7.9f)));
        assertEquals(IntLanes.pack(Integer.MIN_VALUE, 0),
                FloatLanes.truncSatF64S(Double.doubleToRawLongBits(-1e300), Double.doubleToRawLongBits(Double.NaN)));
        assertEquals(f32(1f, 4.2949673e9f), FloatLanes.convertI32U(IntLanes.pack(1, -1)));
        assertEquals(f32(1f, -1f), FloatLanes.convertI32S(IntLanes.pack(1, -1)));
        assertEquals(Double.doubleToRawLongBits(4294967295.0), FloatLanes.convertHighU(IntLanes.pack(1, -1)));
        assertEquals(Double.doubleToRawLongBits(-1.0), FloatLanes.convertHighS(IntLanes.pack(1, -1)));
        assertEquals(Double.doubleToRawLongBits(1.0), FloatLanes.convertLowS(IntLanes.pack(1, -1)));
        assertEquals(f32(Float.POSITIVE_INFINITY, 0.5f),
                FloatLanes.demoteF64(Double.doubleToRawLongBits(1e300), Double.doubleToRawLongBits(0.5)));
        assertEquals(Double.doubleToRawLongBits(0.5), FloatLanes.promoteHigh(f32(2f, 0.5f)));
        assertEquals(Double.doubleToRawLongBits(2.0), FloatLanes.promoteLow(f32(2f, 0.5f)));
    }
}
