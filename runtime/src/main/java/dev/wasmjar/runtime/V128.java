package dev.wasmjar.runtime;

/**
 * An immutable WebAssembly {@code v128} value, as Java code sees it: in method handles of
 * functions, in {@link WasmFunction#invoke}, in {@link Global}s and in generated facades.
 *
 * <p>The 16 bytes are two {@code long} halves, little-endian: {@link #lo()} holds bytes 0 to 7
 * (byte 0 in its lowest bits), {@link #hi()} bytes 8 to 15. So lane {@code i} of an
 * {@code i32x4} is bits {@code 32 * (i % 2)} and up of {@code i < 2 ? lo : hi}. Compiled wasm
 * code never allocates these: inside a function a vector is just the two longs.
 */
public final class V128 {
    /** The all-zero vector. */
    public static final V128 ZERO = new V128(0, 0);

    private final long lo;
    private final long hi;

    private V128(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** The vector whose bytes 0..7 are {@code lo} and bytes 8..15 are {@code hi} (little-endian). */
    public static V128 of(long lo, long hi) {
        return lo == 0 && hi == 0 ? ZERO : new V128(lo, hi);
    }

    /** The vector of 16 bytes, byte 0 first. */
    public static V128 ofBytes(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("a v128 has 16 bytes, not " + bytes.length);
        }
        return of(half(bytes, 0), half(bytes, 8));
    }

    /** The vector of four {@code i32} lanes, lane 0 first. */
    public static V128 ofInts(int l0, int l1, int l2, int l3) {
        return of((l0 & 0xFFFF_FFFFL) | ((long) l1 << 32), (l2 & 0xFFFF_FFFFL) | ((long) l3 << 32));
    }

    /** The vector of four {@code f32} lanes (raw bits kept), lane 0 first. */
    public static V128 ofFloats(float l0, float l1, float l2, float l3) {
        return ofInts(Float.floatToRawIntBits(l0), Float.floatToRawIntBits(l1), Float.floatToRawIntBits(l2),
                Float.floatToRawIntBits(l3));
    }

    /** The vector of two {@code f64} lanes (raw bits kept), lane 0 first. */
    public static V128 ofDoubles(double l0, double l1) {
        return of(Double.doubleToRawLongBits(l0), Double.doubleToRawLongBits(l1));
    }

    private static long half(byte[] b, int from) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[from + i] & 0xFF);
        }
        return v;
    }

    /** Bytes 0 to 7, little-endian (also: i64x2 lane 0). */
    public long lo() {
        return lo;
    }

    /** Bytes 8 to 15, little-endian (also: i64x2 lane 1). */
    public long hi() {
        return hi;
    }

    /** The 16 bytes, byte 0 first. */
    public byte[] toBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (lo >>> (8 * i));
            out[8 + i] = (byte) (hi >>> (8 * i));
        }
        return out;
    }

    /** Lane {@code i} (0..3) of the vector read as {@code i32x4}. */
    public int intLane(int i) {
        java.util.Objects.checkIndex(i, 4);
        long h = (i & 2) == 0 ? lo : hi;
        return (int) (h >>> (32 * (i & 1)));
    }

    /** Lane {@code i} (0..3) of the vector read as {@code f32x4}. */
    public float floatLane(int i) {
        return Float.intBitsToFloat(intLane(i));
    }

    /** Lane {@code i} (0..1) of the vector read as {@code f64x2}. */
    public double doubleLane(int i) {
        return Double.longBitsToDouble(java.util.Objects.checkIndex(i, 2) == 0 ? lo : hi);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V128 && ((V128) o).lo == lo && ((V128) o).hi == hi;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lo) * 31 + Long.hashCode(hi);
    }

    /** The text format's {@code i32x4} constant form, e.g. {@code v128 0x00000001 0x00000000 ...}. */
    @Override
    public String toString() {
        return String.format("v128 0x%08x 0x%08x 0x%08x 0x%08x", intLane(0), intLane(1), intLane(2), intLane(3));
    }
}
