package dev.wasmjar.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The lane helpers against a plain lane-by-lane reference on random halves and on the edge values
 * of each lane width (0, 1, max, min, -1): the bit tricks must never let a carry, borrow or
 * shifted bit cross a lane.
 */
class IntLanesTest {
    private static final int RANDOM = 2000;

    /** Random halves, plus halves made of edge lanes. */
    private static long[] samples() {
        SplittableRandom r = new SplittableRandom(11);
        long[] edges = {0, -1, 0x0101010101010101L, 0x8080808080808080L, 0x7F7F7F7F7F7F7F7FL, 0x7FFF80007FFF8000L,
            0x000100FF7FFFFFFFL, 0x80000000FFFFFFFFL, 0xFF00FF00FF00FF00L, 0x8000000000000001L};
        long[] s = new long[RANDOM + edges.length];
        System.arraycopy(edges, 0, s, 0, edges.length);
        for (int i = edges.length; i < s.length; i++) {
            // mix fully random halves with ones whose lanes are mostly edge bytes
            s[i] = i % 2 == 0 ? r.nextLong() : edges[r.nextInt(edges.length)] ^ (r.nextLong() & r.nextLong() & r.nextLong());
        }
        return s;
    }

    private static int lane(long x, int bits, int i, boolean signed) {
        long v = x >>> (i * bits);
        if (bits == 64) {
            return (int) v;
        }
        int u = (int) (v & ((1L << bits) - 1));
        return signed ? (u << (32 - bits)) >> (32 - bits) : u;
    }

    private static long lanes(int bits, IntUnaryOperator perLane) {
        long r = 0;
        for (int i = 0; i < 64 / bits; i++) {
            r |= (perLane.applyAsInt(i) & ((1L << bits) - 1)) << (i * bits);
        }
        return r;
    }

    private static void binary(String name, int bits, boolean signed, LongBinaryOperator actual, IntBinaryOperator ref) {
        long[] s = samples();
        for (int k = 0; k + 1 < s.length; k++) {
            long a = s[k];
            long b = s[s.length - 1 - k];
            long want = lanes(bits, i -> ref.applyAsInt(lane(a, bits, i, signed), lane(b, bits, i, signed)));
            assertEquals(Long.toHexString(want), Long.toHexString(actual.applyAsLong(a, b)),
                    () -> name + "(" + Long.toHexString(a) + ", " + Long.toHexString(b) + ")");
        }
    }

    private static void unary(String name, int bits, boolean signed, LongUnaryOperator actual, IntUnaryOperator ref) {
        for (long a : samples()) {
            long want = lanes(bits, i -> ref.applyAsInt(lane(a, bits, i, signed)));
            assertEquals(Long.toHexString(want), Long.toHexString(actual.applyAsLong(a)),
                    () -> name + "(" + Long.toHexString(a) + ")");
        }
    }

    private static int sat(int x, int min, int max) {
        return Math.max(min, Math.min(max, x));
    }

    @Test
    void addAndSubtractNeverCarryAcrossLanes() {
        binary("add8", 8, false, IntLanes::add8, Integer::sum);
        binary("add16", 16, false, IntLanes::add16, Integer::sum);
        binary("add32", 32, false, IntLanes::add32, Integer::sum);
        binary("sub8", 8, false, IntLanes::sub8, (x, y) -> x - y);
        binary("sub16", 16, false, IntLanes::sub16, (x, y) -> x - y);
        binary("sub32", 32, false, IntLanes::sub32, (x, y) -> x - y);
        unary("neg8", 8, false, IntLanes::neg8, x -> -x);
        unary("neg16", 16, false, IntLanes::neg16, x -> -x);
        unary("neg32", 32, false, IntLanes::neg32, x -> -x);
        unary("abs8", 8, true, IntLanes::abs8, Math::abs);
        unary("abs16", 16, true, IntLanes::abs16, Math::abs);
        unary("abs32", 32, true, IntLanes::abs32, Math::abs);
        binary("mul16", 16, false, IntLanes::mul16, (x, y) -> x * y);
        binary("mul32", 32, false, IntLanes::mul32, (x, y) -> x * y);
    }

    @Test
    void saturatingArithmeticClampsEachLane() {
        binary("addSatS8", 8, true, IntLanes::addSatS8, (x, y) -> sat(x + y, -128, 127));
        binary("addSatU8", 8, false, IntLanes::addSatU8, (x, y) -> sat(x + y, 0, 255));
        binary("subSatS8", 8, true, IntLanes::subSatS8, (x, y) -> sat(x - y, -128, 127));
        binary("subSatU8", 8, false, IntLanes::subSatU8, (x, y) -> sat(x - y, 0, 255));
        binary("addSatS16", 16, true, IntLanes::addSatS16, (x, y) -> sat(x + y, -32768, 32767));
        binary("addSatU16", 16, false, IntLanes::addSatU16, (x, y) -> sat(x + y, 0, 65535));
        binary("subSatS16", 16, true, IntLanes::subSatS16, (x, y) -> sat(x - y, -32768, 32767));
        binary("subSatU16", 16, false, IntLanes::subSatU16, (x, y) -> sat(x - y, 0, 65535));
        binary("q15mulrSatS", 16, true, IntLanes::q15mulrSatS, (x, y) -> sat((x * y + 0x4000) >> 15, -32768, 32767));
        binary("avgrU8", 8, false, IntLanes::avgrU8, (x, y) -> (x + y + 1) >>> 1);
        binary("avgrU16", 16, false, IntLanes::avgrU16, (x, y) -> (x + y + 1) >>> 1);
    }

    @Test
    void minMaxAndComparisonsBySignedness() {
        binary("minS8", 8, true, IntLanes::minS8, Math::min);
        binary("maxU8", 8, false, IntLanes::maxU8, Math::max);
        binary("minU16", 16, false, IntLanes::minU16, Math::min);
        binary("maxS16", 16, true, IntLanes::maxS16, Math::max);
        binary("minU32", 32, true, IntLanes::minU32, (x, y) -> Integer.compareUnsigned(x, y) < 0 ? x : y);
        binary("maxU32", 32, true, IntLanes::maxU32, (x, y) -> Integer.compareUnsigned(x, y) > 0 ? x : y);
        binary("eq8", 8, false, IntLanes::eq8, (x, y) -> x == y ? -1 : 0);
        binary("ne16", 16, false, IntLanes::ne16, (x, y) -> x != y ? -1 : 0);
        binary("eq32", 32, false, IntLanes::eq32, (x, y) -> x == y ? -1 : 0);
        binary("ltU8", 8, false, IntLanes::ltU8, (x, y) -> x < y ? -1 : 0);
        binary("geS8", 8, true, IntLanes::geS8, (x, y) -> x >= y ? -1 : 0);
        binary("gtU16", 16, false, IntLanes::gtU16, (x, y) -> x > y ? -1 : 0);
        binary("leU32", 32, true, IntLanes::leU32, (x, y) -> Integer.compareUnsigned(x, y) <= 0 ? -1 : 0);
        binary("ltS32", 32, true, IntLanes::ltS32, (x, y) -> x < y ? -1 : 0);
    }

    @Test
    void equalityOfEqualLanesNextToUnequalOnes() {
        // the zero-lane test must not see a lane as zero because its neighbour borrowed from it
        assertEquals(0xFF00FF00FF00FF00L, IntLanes.eq8(0x0100010001000100L, 0x0101010101010101L));
        assertEquals(0xFFFF0000FFFF0000L, IntLanes.eq16(0x0000800000008000L, 0x0000000000000000L));
    }

    @Test
    void shiftsTakeTheCountModuloTheLaneWidth() {
        for (int n : new int[] {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, -1}) {
            int c = n;
            unary("shl8 " + n, 8, false, a -> IntLanes.shl8(a, c), x -> x << (c & 7));
            unary("shrU8 " + n, 8, false, a -> IntLanes.shrU8(a, c), x -> x >>> (c & 7));
            unary("shrS8 " + n, 8, true, a -> IntLanes.shrS8(a, c), x -> x >> (c & 7));
            unary("shl16 " + n, 16, false, a -> IntLanes.shl16(a, c), x -> x << (c & 15));
            unary("shrU16 " + n, 16, false, a -> IntLanes.shrU16(a, c), x -> x >>> (c & 15));
            unary("shrS16 " + n, 16, true, a -> IntLanes.shrS16(a, c), x -> x >> (c & 15));
            unary("shl32 " + n, 32, false, a -> IntLanes.shl32(a, c), x -> x << c);
            unary("shrU32 " + n, 32, false, a -> IntLanes.shrU32(a, c), x -> x >>> c);
            unary("shrS32 " + n, 32, true, a -> IntLanes.shrS32(a, c), x -> x >> c);
        }
    }

    @Test
    void reductionsOverBothHalves() {
        long[] s = samples();
        for (int k = 0; k + 1 < s.length; k++) {
            long lo = s[k];
            long hi = s[k + 1];
            int mask8 = 0;
            int all8 = 1;
            for (int i = 0; i < 16; i++) {
                int v = lane(i < 8 ? lo : hi, 8, i % 8, true);
                mask8 |= (v < 0 ? 1 : 0) << i;
                all8 &= v != 0 ? 1 : 0;
            }
            int mask16 = 0;
            for (int i = 0; i < 8; i++) {
                mask16 |= (lane(i < 4 ? lo : hi, 16, i % 4, true) < 0 ? 1 : 0) << i;
            }
            int mask32 = 0;
            for (int i = 0; i < 4; i++) {
                mask32 |= (lane(i < 2 ? lo : hi, 32, i % 2, true) < 0 ? 1 : 0) << i;
            }
            assertEquals(mask8, IntLanes.bitmask8(lo, hi));
            assertEquals(all8, IntLanes.allTrue8(lo, hi));
            assertEquals(mask16, IntLanes.bitmask16(lo, hi));
            assertEquals(mask32, IntLanes.bitmask32(lo, hi));
            assertEquals((lo < 0 ? 1 : 0) | (hi < 0 ? 2 : 0), IntLanes.bitmask64(lo, hi));
        }
        assertEquals(0, IntLanes.allTrue16(0x0001000100010001L, 0x0001000100000001L));
        assertEquals(1, IntLanes.allTrue16(0x0100010001000100L, 0x8000800080008000L));
        assertEquals(0, IntLanes.allTrue32(-1, 0x00000000FFFFFFFFL));
        assertEquals(1, IntLanes.allTrue32(0x0000000100000001L, 0x8000000080000000L));
        assertEquals(0, IntLanes.allTrue64(1, 0));
        unary("popcnt8", 8, false, IntLanes::popcnt8, Integer::bitCount);
    }

    @Test
    void narrowingSaturatesAndTakesTheFirstHalfFirst() {
        long[] s = samples();
        for (int k = 0; k + 1 < s.length; k++) {
            long lo = s[k];
            long hi = s[k + 1];
            assertEquals(lanes(8, i -> sat(lane(i < 4 ? lo : hi, 16, i % 4, true), -128, 127)), IntLanes.narrowS16(lo, hi));
            assertEquals(lanes(8, i -> sat(lane(i < 4 ? lo : hi, 16, i % 4, true), 0, 255)), IntLanes.narrowU16(lo, hi));
            assertEquals(lanes(16, i -> sat(lane(i < 2 ? lo : hi, 32, i % 2, true), -32768, 32767)),
                    IntLanes.narrowS32(lo, hi));
            assertEquals(lanes(16, i -> sat(lane(i < 2 ? lo : hi, 32, i % 2, true), 0, 65535)), IntLanes.narrowU32(lo, hi));
        }
    }

    @Test
    void wideningTakesTheLowOrHighLanesOfAHalf() {
        for (boolean signed : new boolean[] {true, false}) {
            for (int from : new int[] {8, 16}) {
                int to = from * 2;
                int n = 64 / to;
                LongUnaryOperator low = from == 8 ? (signed ? IntLanes::extendLowS8 : IntLanes::extendLowU8)
                        : (signed ? IntLanes::extendLowS16 : IntLanes::extendLowU16);
                LongUnaryOperator high = from == 8 ? (signed ? IntLanes::extendHighS8 : IntLanes::extendHighU8)
                        : (signed ? IntLanes::extendHighS16 : IntLanes::extendHighU16);
                for (long a : samples()) {
                    assertEquals(lanes(to, i -> lane(a, from, i, signed)), low.applyAsLong(a));
                    assertEquals(lanes(to, i -> lane(a, from, i + n, signed)), high.applyAsLong(a));
                    LongBinaryOperator mulLow = from == 8 ? (signed ? IntLanes::extmulLowS8 : IntLanes::extmulLowU8)
                            : (signed ? IntLanes::extmulLowS16 : IntLanes::extmulLowU16);
                    LongBinaryOperator mulHigh = from == 8 ? (signed ? IntLanes::extmulHighS8 : IntLanes::extmulHighU8)
                            : (signed ? IntLanes::extmulHighS16 : IntLanes::extmulHighU16);
                    long b = Long.rotateLeft(a, 13) ^ 0x5DEECE66DL;
                    assertEquals(lanes(to, i -> lane(a, from, i, signed) * lane(b, from, i, signed)), mulLow.applyAsLong(a, b));
                    assertEquals(lanes(to, i -> lane(a, from, i + n, signed) * lane(b, from, i + n, signed)),
                            mulHigh.applyAsLong(a, b));
                    LongUnaryOperator pairs = from == 8 ? (signed ? IntLanes::extaddPairwiseS8 : IntLanes::extaddPairwiseU8)
                            : (signed ? IntLanes::extaddPairwiseS16 : IntLanes::extaddPairwiseU16);
                    assertEquals(lanes(to, i -> lane(a, from, 2 * i, signed) + lane(a, from, 2 * i + 1, signed)),
                            pairs.applyAsLong(a));
                }
            }
        }
        for (long a : samples()) {
            assertEquals((long) (int) a, IntLanes.extendLowS32(a));
            assertEquals(a >>> 32, IntLanes.extendHighU32(a));
            long b = ~a;
            assertEquals((long) (int) (a >>> 32) * (int) (b >>> 32), IntLanes.extmulHighS32(a, b));
            assertEquals((a & 0xFFFFFFFFL) * (b & 0xFFFFFFFFL), IntLanes.extmulLowU32(a, b));
            assertEquals(lanes(32, i -> lane(a, 16, 2 * i, true) * lane(b, 16, 2 * i, true)
                    + lane(a, 16, 2 * i + 1, true) * lane(b, 16, 2 * i + 1, true)), IntLanes.dotS16(a, b));
        }
    }

    @Test
    void swizzlePicksBytesByIndexAndSplatsRepeatALane() {
        long aLo = 0x0706050403020100L;
        long aHi = 0x0F0E0D0C0B0A0908L;
        assertEquals(0x000F_0000_0001_0800L, IntLanes.swizzle(aLo, aHi, 0x100F_FF80_1001_0800L));
        assertEquals(0x5A5A5A5A5A5A5A5AL, IntLanes.splat8(0x125A));
        assertEquals(0x8001800180018001L, IntLanes.splat16(0xF8001));
        assertEquals(0x89ABCDEF89ABCDEFL, IntLanes.splat32(0x89ABCDEF));
    }
}
