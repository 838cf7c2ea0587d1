package dev.wasmjar.runtime.internal.simd;

/**
 * The integer lane operations of {@code v128}, one 64-bit half at a time. <b>For generated code
 * only.</b>
 *
 * <p>Compiled code carries a vector as two longs: the low half holds bytes 0–7 and the high half
 * bytes 8–15 of the vector, little-endian, so lane {@code i} of width {@code w} bits sits at bit
 * {@code (i * w) % 64} of half {@code i * w / 64}. Almost every operation here maps one half (or
 * two halves, for binary operations) to one result half, and compiled code calls it once per
 * half. The methods are small and static so that the JIT inlines them; where a lane-parallel
 * bit trick (SWAR) does the work of all lanes at once it is used, otherwise a loop over the
 * lanes of the half, which C2 unrolls. Names say the lane width in bits and, where it matters,
 * {@code S}igned or {@code U}nsigned lanes.
 */
public final class IntLanes {
    private static final long LOW8 = 0x0101_0101_0101_0101L;
    private static final long HIGH8 = 0x8080_8080_8080_8080L;
    private static final long LOW16 = 0x0001_0001_0001_0001L;
    private static final long HIGH16 = 0x8000_8000_8000_8000L;
    private static final long LOW32 = 0x0000_0001_0000_0001L;
    private static final long HIGH32 = 0x8000_0000_8000_0000L;

    private IntLanes() {
    }

    // ---- packing ----------------------------------------------------------------------------

    /** Two i32 lanes as one half. */
    static long pack(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | ((long) hi << 32);
    }

    private static int lo32(long x) {
        return (int) x;
    }

    private static int hi32(long x) {
        return (int) (x >>> 32);
    }

    // ---- splat and swizzle (shuffles are inline code) ---------------------------------------------------------------

    /** The low byte of {@code x} in all eight byte lanes. */
    public static long splat8(int x) {
        return (x & 0xFFL) * LOW8;
    }

    /** The low 16 bits of {@code x} in all four lanes. */
    public static long splat16(int x) {
        return (x & 0xFFFFL) * LOW16;
    }

    /** {@code x} in both i32 lanes. */
    public static long splat32(int x) {
        return (x & 0xFFFF_FFFFL) * LOW32;
    }

    /** One half of {@code i8x16.swizzle}: byte lanes of {@code s} index {@code a}; 16 and above give 0. */
    public static long swizzle(long aLo, long aHi, long s) {
        long r = 0;
        for (int k = 0; k < 64; k += 8) {
            int i = (int) (s >>> k) & 0xFF;
            if (i < 16) {
                long w = i < 8 ? aLo : aHi;
                r |= ((w >>> ((i & 7) << 3)) & 0xFF) << k;
            }
        }
        return r;
    }

    // ---- lane-wise add and subtract (SWAR: no carry crosses a lane) ---------------------------

    public static long add8(long a, long b) {
        return ((a & ~HIGH8) + (b & ~HIGH8)) ^ ((a ^ b) & HIGH8);
    }

    public static long add16(long a, long b) {
        return ((a & ~HIGH16) + (b & ~HIGH16)) ^ ((a ^ b) & HIGH16);
    }

    public static long add32(long a, long b) {
        return ((a & ~HIGH32) + (b & ~HIGH32)) ^ ((a ^ b) & HIGH32);
    }

    public static long sub8(long a, long b) {
        return ((a | HIGH8) - (b & ~HIGH8)) ^ ((a ^ ~b) & HIGH8);
    }

    public static long sub16(long a, long b) {
        return ((a | HIGH16) - (b & ~HIGH16)) ^ ((a ^ ~b) & HIGH16);
    }

    public static long sub32(long a, long b) {
        return ((a | HIGH32) - (b & ~HIGH32)) ^ ((a ^ ~b) & HIGH32);
    }

    public static long neg8(long a) {
        return sub8(0, a);
    }

    public static long neg16(long a) {
        return sub16(0, a);
    }

    public static long neg32(long a) {
        return sub32(0, a);
    }

    public static long abs8(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (Math.abs((byte) (a >>> i)) & 0xFFL) << i;
        }
        return r;
    }

    public static long abs16(long a) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (Math.abs((short) (a >>> i)) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long abs32(long a) {
        return pack(Math.abs(lo32(a)), Math.abs(hi32(a)));
    }

    public static long mul16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (((a >>> i) * (b >>> i)) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long mul32(long a, long b) {
        return pack(lo32(a) * lo32(b), hi32(a) * hi32(b));
    }

    // ---- saturating arithmetic ----------------------------------------------------------------

    private static int clamp(int x, int min, int max) {
        return x < min ? min : (x > max ? max : x);
    }

    public static long addSatS8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (clamp((byte) (a >>> i) + (byte) (b >>> i), -128, 127) & 0xFFL) << i;
        }
        return r;
    }

    public static long addSatU8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (long) Math.min(((int) (a >>> i) & 0xFF) + ((int) (b >>> i) & 0xFF), 0xFF) << i;
        }
        return r;
    }

    public static long subSatS8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (clamp((byte) (a >>> i) - (byte) (b >>> i), -128, 127) & 0xFFL) << i;
        }
        return r;
    }

    public static long subSatU8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (long) Math.max(((int) (a >>> i) & 0xFF) - ((int) (b >>> i) & 0xFF), 0) << i;
        }
        return r;
    }

    public static long addSatS16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (clamp((short) (a >>> i) + (short) (b >>> i), -32768, 32767) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long addSatU16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (long) Math.min(((int) (a >>> i) & 0xFFFF) + ((int) (b >>> i) & 0xFFFF), 0xFFFF) << i;
        }
        return r;
    }

    public static long subSatS16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (clamp((short) (a >>> i) - (short) (b >>> i), -32768, 32767) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long subSatU16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (long) Math.max(((int) (a >>> i) & 0xFFFF) - ((int) (b >>> i) & 0xFFFF), 0) << i;
        }
        return r;
    }

    /** {@code i16x8.q15mulr_sat_s}: (x * y + 2^14) >> 15, saturated. */
    public static long q15mulrSatS(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            int p = ((short) (a >>> i) * (short) (b >>> i) + 0x4000) >> 15;
            r |= (Math.min(p, 32767) & 0xFFFFL) << i;
        }
        return r;
    }

    /** Rounding unsigned average, (x + y + 1) >> 1 per lane: (a | b) - ((a ^ b) >> 1) never borrows across lanes. */
    public static long avgrU8(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & 0x7F7F_7F7F_7F7F_7F7FL);
    }

    public static long avgrU16(long a, long b) {
        return (a | b) - (((a ^ b) >>> 1) & 0x7FFF_7FFF_7FFF_7FFFL);
    }

    // ---- min and max --------------------------------------------------------------------------

    public static long minS8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (Math.min((byte) (a >>> i), (byte) (b >>> i)) & 0xFFL) << i;
        }
        return r;
    }

    public static long minU8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (long) Math.min((int) (a >>> i) & 0xFF, (int) (b >>> i) & 0xFF) << i;
        }
        return r;
    }

    public static long maxS8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (Math.max((byte) (a >>> i), (byte) (b >>> i)) & 0xFFL) << i;
        }
        return r;
    }

    public static long maxU8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (long) Math.max((int) (a >>> i) & 0xFF, (int) (b >>> i) & 0xFF) << i;
        }
        return r;
    }

    public static long minS16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (Math.min((short) (a >>> i), (short) (b >>> i)) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long minU16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (long) Math.min((int) (a >>> i) & 0xFFFF, (int) (b >>> i) & 0xFFFF) << i;
        }
        return r;
    }

    public static long maxS16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (Math.max((short) (a >>> i), (short) (b >>> i)) & 0xFFFFL) << i;
        }
        return r;
    }

    public static long maxU16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (long) Math.max((int) (a >>> i) & 0xFFFF, (int) (b >>> i) & 0xFFFF) << i;
        }
        return r;
    }

    public static long minS32(long a, long b) {
        return pack(Math.min(lo32(a), lo32(b)), Math.min(hi32(a), hi32(b)));
    }

    public static long minU32(long a, long b) {
        // unsigned order as signed order of the values with the sign bit flipped (no compareUnsigned: see README)
        return pack(lo32(a) + Integer.MIN_VALUE < lo32(b) + Integer.MIN_VALUE ? lo32(a) : lo32(b),
                hi32(a) + Integer.MIN_VALUE < hi32(b) + Integer.MIN_VALUE ? hi32(a) : hi32(b));
    }

    public static long maxS32(long a, long b) {
        return pack(Math.max(lo32(a), lo32(b)), Math.max(hi32(a), hi32(b)));
    }

    public static long maxU32(long a, long b) {
        return pack(lo32(a) + Integer.MIN_VALUE > lo32(b) + Integer.MIN_VALUE ? lo32(a) : lo32(b),
                hi32(a) + Integer.MIN_VALUE > hi32(b) + Integer.MIN_VALUE ? hi32(a) : hi32(b));
    }

    // ---- shifts (the count is taken modulo the lane width) -----------------------------------

    public static long shl8(long a, int n) {
        n &= 7;
        return (a << n) & (((0xFFL << n) & 0xFF) * LOW8);
    }

    public static long shrU8(long a, int n) {
        n &= 7;
        return (a >>> n) & ((0xFFL >>> n) * LOW8);
    }

    /** Logical shift, then each lane's sign bit (as 0x01 per lane) times the mask of the n top bits fills them. */
    public static long shrS8(long a, int n) {
        n &= 7;
        long signs = (a >>> 7) & LOW8;
        return ((a >>> n) & ((0xFFL >>> n) * LOW8)) | (signs * ((0xFF00L >>> n) & 0xFF));
    }

    public static long shl16(long a, int n) {
        n &= 15;
        return (a << n) & (((0xFFFFL << n) & 0xFFFF) * LOW16);
    }

    public static long shrU16(long a, int n) {
        n &= 15;
        return (a >>> n) & ((0xFFFFL >>> n) * LOW16);
    }

    public static long shrS16(long a, int n) {
        n &= 15;
        long signs = (a >>> 15) & LOW16;
        return ((a >>> n) & ((0xFFFFL >>> n) * LOW16)) | (signs * ((0xFFFF_0000L >>> n) & 0xFFFF));
    }

    /** As the narrower shifts: one long shift, then a mask (constant where the count is) clears what crossed a lane. */
    public static long shl32(long a, int n) {
        n &= 31;
        return (a << n) & (((0xFFFF_FFFFL << n) & 0xFFFF_FFFFL) * LOW32);
    }

    public static long shrU32(long a, int n) {
        n &= 31;
        return (a >>> n) & ((0xFFFF_FFFFL >>> n) * LOW32);
    }

    public static long shrS32(long a, int n) {
        return pack(lo32(a) >> n, hi32(a) >> n);
    }

    // ---- comparisons: all ones in a lane where true ----------------------------------------

    /** 0x01 in each byte lane of {@code x} that is zero, else 0 (exact: no borrow crosses a lane). */
    private static long zeroLanes8(long x) {
        return ~(((x & ~HIGH8) + ~HIGH8) | x) >>> 7 & LOW8;
    }

    private static long zeroLanes16(long x) {
        return ~(((x & ~HIGH16) + ~HIGH16) | x) >>> 15 & LOW16;
    }

    private static long zeroLanes32(long x) {
        return ~(((x & ~HIGH32) + ~HIGH32) | x) >>> 31 & LOW32;
    }

    public static long eq8(long a, long b) {
        return zeroLanes8(a ^ b) * 0xFF;
    }

    public static long ne8(long a, long b) {
        return ~eq8(a, b);
    }

    public static long eq16(long a, long b) {
        return zeroLanes16(a ^ b) * 0xFFFF;
    }

    public static long ne16(long a, long b) {
        return ~eq16(a, b);
    }

    public static long eq32(long a, long b) {
        return zeroLanes32(a ^ b) * 0xFFFF_FFFFL;
    }

    public static long ne32(long a, long b) {
        return ~eq32(a, b);
    }

    public static long ltS8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= ((byte) (a >>> i) < (byte) (b >>> i) ? 0xFFL : 0) << i;
        }
        return r;
    }

    public static long ltU8(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (((int) (a >>> i) & 0xFF) < ((int) (b >>> i) & 0xFF) ? 0xFFL : 0) << i;
        }
        return r;
    }

    public static long gtS8(long a, long b) {
        return ltS8(b, a);
    }

    public static long gtU8(long a, long b) {
        return ltU8(b, a);
    }

    public static long leS8(long a, long b) {
        return ~ltS8(b, a);
    }

    public static long leU8(long a, long b) {
        return ~ltU8(b, a);
    }

    public static long geS8(long a, long b) {
        return ~ltS8(a, b);
    }

    public static long geU8(long a, long b) {
        return ~ltU8(a, b);
    }

    public static long ltS16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= ((short) (a >>> i) < (short) (b >>> i) ? 0xFFFFL : 0) << i;
        }
        return r;
    }

    public static long ltU16(long a, long b) {
        long r = 0;
        for (int i = 0; i < 64; i += 16) {
            r |= (((int) (a >>> i) & 0xFFFF) < ((int) (b >>> i) & 0xFFFF) ? 0xFFFFL : 0) << i;
        }
        return r;
    }

    public static long gtS16(long a, long b) {
        return ltS16(b, a);
    }

    public static long gtU16(long a, long b) {
        return ltU16(b, a);
    }

    public static long leS16(long a, long b) {
        return ~ltS16(b, a);
    }

    public static long leU16(long a, long b) {
        return ~ltU16(b, a);
    }

    public static long geS16(long a, long b) {
        return ~ltS16(a, b);
    }

    public static long geU16(long a, long b) {
        return ~ltU16(a, b);
    }

    public static long ltS32(long a, long b) {
        return pack(lo32(a) < lo32(b) ? -1 : 0, hi32(a) < hi32(b) ? -1 : 0);
    }

    public static long ltU32(long a, long b) {
        return pack(lo32(a) + Integer.MIN_VALUE < lo32(b) + Integer.MIN_VALUE ? -1 : 0,
                hi32(a) + Integer.MIN_VALUE < hi32(b) + Integer.MIN_VALUE ? -1 : 0);
    }

    public static long gtS32(long a, long b) {
        return ltS32(b, a);
    }

    public static long gtU32(long a, long b) {
        return ltU32(b, a);
    }

    public static long leS32(long a, long b) {
        return ~ltS32(b, a);
    }

    public static long leU32(long a, long b) {
        return ~ltU32(b, a);
    }

    public static long geS32(long a, long b) {
        return ~ltS32(a, b);
    }

    public static long geU32(long a, long b) {
        return ~ltU32(a, b);
    }

    public static long eq64(long a, long b) {
        return a == b ? -1L : 0;
    }

    public static long ne64(long a, long b) {
        return a != b ? -1L : 0;
    }

    public static long ltS64(long a, long b) {
        return a < b ? -1L : 0;
    }

    public static long gtS64(long a, long b) {
        return a > b ? -1L : 0;
    }

    public static long leS64(long a, long b) {
        return a <= b ? -1L : 0;
    }

    public static long geS64(long a, long b) {
        return a >= b ? -1L : 0;
    }

    // ---- reductions over both halves ----------------------------------------------------------

    public static int allTrue8(long lo, long hi) {
        return (zeroLanes8(lo) | zeroLanes8(hi)) == 0 ? 1 : 0;
    }

    public static int allTrue16(long lo, long hi) {
        return (zeroLanes16(lo) | zeroLanes16(hi)) == 0 ? 1 : 0;
    }

    public static int allTrue32(long lo, long hi) {
        return (zeroLanes32(lo) | zeroLanes32(hi)) == 0 ? 1 : 0;
    }

    public static int allTrue64(long lo, long hi) {
        return lo != 0 && hi != 0 ? 1 : 0;
    }

    /** The byte lanes' top bits gathered into 8 bits: the multiply moves lane k's bit to bit 56 + k, with no carries. */
    private static int signs8(long x) {
        return (int) ((((x >>> 7) & LOW8) * 0x0102_0408_1020_4080L) >>> 56);
    }

    public static int bitmask8(long lo, long hi) {
        return signs8(lo) | signs8(hi) << 8;
    }

    private static int signs16(long x) {
        return (int) (x >>> 15) & 1 | (int) (x >>> 30) & 2 | (int) (x >>> 45) & 4 | (int) (x >>> 60) & 8;
    }

    public static int bitmask16(long lo, long hi) {
        return signs16(lo) | signs16(hi) << 4;
    }

    public static int bitmask32(long lo, long hi) {
        return (int) (lo >>> 31) & 1 | (int) (lo >>> 62) & 2 | (int) (hi >>> 29) & 4 | (int) (hi >>> 60) & 8;
    }

    public static int bitmask64(long lo, long hi) {
        return (int) (lo >>> 63) | (int) (hi >>> 63) << 1;
    }

    // ---- popcnt -------------------------------------------------------------------------------

    public static long popcnt8(long x) {
        x = x - ((x >>> 1) & 0x5555_5555_5555_5555L);
        x = (x & 0x3333_3333_3333_3333L) + ((x >>> 2) & 0x3333_3333_3333_3333L);
        return (x + (x >>> 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
    }

    // ---- narrowing: the two halves of one vector become one half ----------------------------

    /** Four i16 lanes of {@code lo}, then four of {@code hi}, each saturated to a signed byte. */
    public static long narrowS16(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (clamp((short) (lo >>> (i << 4)), -128, 127) & 0xFFL) << (i << 3);
            r |= (clamp((short) (hi >>> (i << 4)), -128, 127) & 0xFFL) << ((i + 4) << 3);
        }
        return r;
    }

    public static long narrowU16(long lo, long hi) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            r |= (long) clamp((short) (lo >>> (i << 4)), 0, 255) << (i << 3);
            r |= (long) clamp((short) (hi >>> (i << 4)), 0, 255) << ((i + 4) << 3);
        }
        return r;
    }

    private static long sat16(int x, int min, int max) {
        return clamp(x, min, max) & 0xFFFFL;
    }

    public static long narrowS32(long lo, long hi) {
        return sat16(lo32(lo), -32768, 32767) | sat16(hi32(lo), -32768, 32767) << 16
                | sat16(lo32(hi), -32768, 32767) << 32 | sat16(hi32(hi), -32768, 32767) << 48;
    }

    public static long narrowU32(long lo, long hi) {
        return sat16(lo32(lo), 0, 65535) | sat16(hi32(lo), 0, 65535) << 16
                | sat16(lo32(hi), 0, 65535) << 32 | sat16(hi32(hi), 0, 65535) << 48;
    }

    // ---- widening: the low or high lanes of one half fill a whole half ---------------------

    /** The low four bytes of {@code x} spread into four 16-bit lanes, zero-extended, in two shift-and-mask steps. */
    private static long spread8(long x) {
        long t = x & 0xFFFF_FFFFL;
        t = (t | (t << 16)) & 0x0000_FFFF_0000_FFFFL;
        return (t | (t << 8)) & 0x00FF_00FF_00FF_00FFL;
    }

    /** As {@link #spread8}, then each lane's bit 7 times 0x1FE fills its high byte (0x80 * 0x1FE = 0xFF00: no carry out). */
    private static long extend8(long x, boolean signed) {
        long u = spread8(x);
        return signed ? u | ((u & 0x0080_0080_0080_0080L) * 0x1FEL) : u;
    }

    public static long extendLowS8(long x) {
        return extend8(x, true);
    }

    public static long extendHighS8(long x) {
        return extend8(x >>> 32, true);
    }

    public static long extendLowU8(long x) {
        return extend8(x, false);
    }

    public static long extendHighU8(long x) {
        return extend8(x >>> 32, false);
    }

    public static long extendLowS16(long x) {
        return pack((short) x, (short) (x >>> 16));
    }

    public static long extendHighS16(long x) {
        return pack((short) (x >>> 32), (short) (x >>> 48));
    }

    public static long extendLowU16(long x) {
        return (x & 0xFFFFL) | (x & 0xFFFF_0000L) << 16;
    }

    public static long extendHighU16(long x) {
        return extendLowU16(x >>> 32);
    }

    public static long extendLowS32(long x) {
        return (int) x;
    }

    public static long extendHighS32(long x) {
        return x >> 32;
    }

    public static long extendLowU32(long x) {
        return x & 0xFFFF_FFFFL;
    }

    public static long extendHighU32(long x) {
        return x >>> 32;
    }

    /** Sums of adjacent signed byte lanes, as four i16 lanes. */
    public static long extaddPairwiseS8(long x) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int s = (byte) (x >>> (i << 4)) + (byte) (x >>> ((i << 4) + 8));
            r |= (s & 0xFFFFL) << (i << 4);
        }
        return r;
    }

    public static long extaddPairwiseU8(long x) {
        long even = x & 0x00FF_00FF_00FF_00FFL;
        long odd = (x >>> 8) & 0x00FF_00FF_00FF_00FFL;
        return even + odd; // each sum fits in 9 bits of its 16-bit lane
    }

    public static long extaddPairwiseS16(long x) {
        return pack((short) x + (short) (x >>> 16), (short) (x >>> 32) + (short) (x >>> 48));
    }

    public static long extaddPairwiseU16(long x) {
        long even = x & 0x0000_FFFF_0000_FFFFL;
        long odd = (x >>> 16) & 0x0000_FFFF_0000_FFFFL;
        return even + odd;
    }

    /** {@code i32x4.dot_i16x8_s} on one half: two i32 lanes, each the sum of two adjacent i16 products. */
    public static long dotS16(long a, long b) {
        int p0 = (short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16);
        int p1 = (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48);
        return pack(p0, p1);
    }

    // ---- extending multiplication: lanes of one input half, products twice as wide ---------

    private static long extmul8(long a, long b, boolean signed) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int s = i << 3;
            int p = signed ? (byte) (a >>> s) * (byte) (b >>> s)
                    : ((int) (a >>> s) & 0xFF) * ((int) (b >>> s) & 0xFF);
            r |= (p & 0xFFFFL) << (i << 4);
        }
        return r;
    }

    public static long extmulLowS8(long a, long b) {
        return extmul8(a, b, true);
    }

    public static long extmulHighS8(long a, long b) {
        return extmul8(a >>> 32, b >>> 32, true);
    }

    public static long extmulLowU8(long a, long b) {
        return extmul8(a, b, false);
    }

    public static long extmulHighU8(long a, long b) {
        return extmul8(a >>> 32, b >>> 32, false);
    }

    public static long extmulLowS16(long a, long b) {
        return pack((short) a * (short) b, (short) (a >>> 16) * (short) (b >>> 16));
    }

    public static long extmulHighS16(long a, long b) {
        return extmulLowS16(a >>> 32, b >>> 32);
    }

    public static long extmulLowU16(long a, long b) {
        return pack((int) (a & 0xFFFF) * (int) (b & 0xFFFF), (int) (a >>> 16 & 0xFFFF) * (int) (b >>> 16 & 0xFFFF));
    }

    public static long extmulHighU16(long a, long b) {
        return extmulLowU16(a >>> 32, b >>> 32);
    }

    public static long extmulLowS32(long a, long b) {
        return (long) (int) a * (int) b;
    }

    public static long extmulHighS32(long a, long b) {
        return (a >> 32) * (b >> 32);
    }

    public static long extmulLowU32(long a, long b) {
        return (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
    }

    public static long extmulHighU32(long a, long b) {
        return (a >>> 32) * (b >>> 32);
    }
}
