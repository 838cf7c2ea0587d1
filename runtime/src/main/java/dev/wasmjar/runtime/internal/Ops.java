package dev.wasmjar.runtime.internal;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Table;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;

/**
 * Static helpers for the bodies of compiled wasm functions. <b>For generated code only.</b>
 *
 * <p>Ordinary arithmetic and memory accesses are emitted inline as bytecode; what lives here is
 * either rare or needs several branches (trapping conversions, NaN-propagating min/max, bulk
 * memory and table operations). Every method is small so the JIT inlines it into the caller.
 * Argument order follows the wasm operand stack, with the memory array, table or frame array
 * that generated code pushes last, so call sites need no stack shuffling.
 */
public final class Ops {
    private Ops() {
    }

    // --- traps --------------------------------------------------------------------------------

    /**
     * Called at every loop header: traps with {@link TrapKind#INTERRUPTED} when the running
     * thread has been interrupted (its flag stays set). Inlined by the JIT into a field read.
     */
    public static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Trap(TrapKind.INTERRUPTED, "interrupted while running wasm code");
        }
    }

    /** The trap for {@code unreachable}; generated code throws what this returns. */
    public static Trap unreachable() {
        return new Trap(TrapKind.UNREACHABLE);
    }

    private static Trap overflow() {
        return new Trap(TrapKind.INTEGER_OVERFLOW);
    }

    private static Trap invalidConversion() {
        return new Trap(TrapKind.INVALID_CONVERSION_TO_INTEGER);
    }

    // --- integer division ---------------------------------------------------------------------
    // Division by zero is left to the JVM's ArithmeticException, which Trap.unwind converts.

    /** {@code i32.div_s}: traps on MIN / -1, which the JVM silently wraps. */
    public static int i32DivS(int a, int b) {
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw overflow();
        }
        return a / b;
    }

    /** {@code i64.div_s}: traps on MIN / -1, which the JVM silently wraps. */
    public static long i64DivS(long a, long b) {
        if (b == -1 && a == Long.MIN_VALUE) {
            throw overflow();
        }
        return a / b;
    }

    /*
     * Unsigned division without Integer/Long.divideUnsigned and remainderUnsigned: on JDK 17
     * Long's versions divide a negative dividend through BigInteger (an allocation per call) and
     * compare with compareUnsigned, whose C2 handling has been miscompiled (Chicory #755, #843);
     * newer JDKs replace them by intrinsics. Plain arithmetic behaves the same on every JDK.
     * Unsigned comparisons flip the sign bit and compare signed.
     */

    /** {@code i32.div_u}: exact in 64-bit signed arithmetic. */
    public static int i32DivU(int a, int b) {
        return (int) ((a & 0xFFFF_FFFFL) / (b & 0xFFFF_FFFFL));
    }

    /** {@code i32.rem_u}: exact in 64-bit signed arithmetic. */
    public static int i32RemU(int a, int b) {
        return (int) ((a & 0xFFFF_FFFFL) % (b & 0xFFFF_FFFFL));
    }

    /** {@code i64.div_u}. */
    public static long i64DivU(long n, long d) {
        if (d < 0) {
            // d >= 2^63: the quotient is 1 when n >=u d, else 0
            return (n ^ Long.MIN_VALUE) >= (d ^ Long.MIN_VALUE) ? 1 : 0;
        }
        if (n >= 0) {
            return n / d;
        }
        // n >= 2^63, 0 < d < 2^63: halve n so the signed division is exact, then correct by
        // one; the remainder of 2 * q lies in [0, 2d)
        long q = ((n >>> 1) / d) << 1;
        long r = n - q * d;
        return (r ^ Long.MIN_VALUE) >= (d ^ Long.MIN_VALUE) ? q + 1 : q;
    }

    /** {@code i64.rem_u}: the signed remainder when both operands are non-negative, else from {@link #i64DivU}. */
    public static long i64RemU(long n, long d) {
        if (n >= 0 && d > 0) {
            return n % d;
        }
        return n - i64DivU(n, d) * d;
    }

    // --- float to integer, trapping -----------------------------------------------------------
    // The bounds are the spec's: the truncated value must be representable. Comparisons are
    // written so that they are exact in the source type (all bounds are powers of two or
    // neighbours the source type represents exactly).

    public static int i32TruncF32S(float f) {
        if (f != f) {
            throw invalidConversion();
        }
        if (f < -0x1p31f || f >= 0x1p31f) {
            throw overflow();
        }
        return (int) f;
    }

    public static int i32TruncF32U(float f) {
        if (f != f) {
            throw invalidConversion();
        }
        if (f <= -1f || f >= 0x1p32f) {
            throw overflow();
        }
        return (int) (long) f;
    }

    public static int i32TruncF64S(double d) {
        if (d != d) {
            throw invalidConversion();
        }
        if (d <= -2147483649.0 || d >= 2147483648.0) {
            throw overflow();
        }
        return (int) d;
    }

    public static int i32TruncF64U(double d) {
        if (d != d) {
            throw invalidConversion();
        }
        if (d <= -1.0 || d >= 4294967296.0) {
            throw overflow();
        }
        return (int) (long) d;
    }

    public static long i64TruncF32S(float f) {
        if (f != f) {
            throw invalidConversion();
        }
        if (f < -0x1p63f || f >= 0x1p63f) {
            throw overflow();
        }
        return (long) f;
    }

    public static long i64TruncF32U(float f) {
        if (f != f) {
            throw invalidConversion();
        }
        if (f <= -1f || f >= 0x1p64f) {
            throw overflow();
        }
        return f >= 0x1p63f ? (long) (f - 0x1p63f) | Long.MIN_VALUE : (long) f;
    }

    public static long i64TruncF64S(double d) {
        if (d != d) {
            throw invalidConversion();
        }
        if (d < -0x1p63 || d >= 0x1p63) {
            throw overflow();
        }
        return (long) d;
    }

    public static long i64TruncF64U(double d) {
        if (d != d) {
            throw invalidConversion();
        }
        if (d <= -1.0 || d >= 0x1p64) {
            throw overflow();
        }
        return d >= 0x1p63 ? (long) (d - 0x1p63) | Long.MIN_VALUE : (long) d;
    }

    // --- float to integer, saturating (unsigned; the signed ones are the JVM's f2i etc.) -------

    public static int i32TruncSatF32U(float f) {
        if (!(f > -1f)) {
            return 0; // also NaN
        }
        return f >= 0x1p32f ? -1 : (int) (long) f;
    }

    public static int i32TruncSatF64U(double d) {
        if (!(d > -1.0)) {
            return 0;
        }
        return d >= 4294967296.0 ? -1 : (int) (long) d;
    }

    public static long i64TruncSatF32U(float f) {
        if (!(f > -1f)) {
            return 0;
        }
        if (f >= 0x1p64f) {
            return -1L;
        }
        return f >= 0x1p63f ? (long) (f - 0x1p63f) | Long.MIN_VALUE : (long) f;
    }

    public static long i64TruncSatF64U(double d) {
        if (!(d > -1.0)) {
            return 0;
        }
        if (d >= 0x1p64) {
            return -1L;
        }
        return d >= 0x1p63 ? (long) (d - 0x1p63) | Long.MIN_VALUE : (long) d;
    }

    // --- unsigned 64-bit integer to float -----------------------------------------------------

    /** {@code f32.convert_i64_u}: halve with a sticky bit so the single rounding stays correct. */
    public static float f32ConvertI64U(long x) {
        if (x >= 0) {
            return (float) x;
        }
        return (float) ((x >>> 1) | (x & 1)) * 2f;
    }

    /** {@code f64.convert_i64_u}, as {@link #f32ConvertI64U}. */
    public static double f64ConvertI64U(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }

    // --- float operations ---------------------------------------------------------------------
    // Sign operations work on the raw bits so that NaN payloads pass through unchanged (the spec
    // requires it). Where the result of a NaN input must be an "arithmetic" (quiet) NaN, the
    // helpers return a + b, which the hardware quiets; Math.min and friends would pass a
    // signalling NaN through.

    public static float f32Abs(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7fffffff);
    }

    public static float f32Neg(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x80000000);
    }

    public static float f32Copysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & 0x7fffffff)
                | (Float.floatToRawIntBits(b) & 0x80000000));
    }

    public static double f64Abs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0x7fffffffffffffffL);
    }

    public static double f64Neg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000000000000000L);
    }

    public static double f64Copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & 0x7fffffffffffffffL)
                | (Double.doubleToRawLongBits(b) & 0x8000000000000000L));
    }

    public static float f32Min(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.min(a, b); // orders -0 below +0, as wasm does
    }

    public static float f32Max(float a, float b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.max(a, b);
    }

    public static double f64Min(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.min(a, b);
    }

    public static double f64Max(double a, double b) {
        if (a != a || b != b) {
            return a + b;
        }
        return Math.max(a, b);
    }

    // The f32 roundings go through double: every float is exactly a double and every integral
    // result is exactly representable back in float, so they are exact.

    public static float f32Ceil(float a) {
        return a != a ? a + a : (float) Math.ceil(a);
    }

    public static float f32Floor(float a) {
        return a != a ? a + a : (float) Math.floor(a);
    }

    public static float f32Trunc(float a) {
        if (a != a) {
            return a + a;
        }
        return (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
    }

    /** Round to nearest, ties to even (Math.rint), keeping the sign of zero. */
    public static float f32Nearest(float a) {
        return a != a ? a + a : (float) Math.rint(a);
    }

    public static double f64Ceil(double a) {
        return a != a ? a + a : Math.ceil(a);
    }

    public static double f64Floor(double a) {
        return a != a ? a + a : Math.floor(a);
    }

    public static double f64Trunc(double a) {
        if (a != a) {
            return a + a;
        }
        return a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    public static double f64Nearest(double a) {
        return a != a ? a + a : Math.rint(a);
    }

    public static float f32Sqrt(float a) {
        // the double square root of a float, rounded to float, is the correctly rounded result
        return (float) Math.sqrt(a);
    }

    // --- bulk memory (on the cached buffer; bounds as in Memory.check) ----------------------------

    public static void memoryFill(int dst, int value, int len, byte[] mem) {
        Memory.check(dst, len, mem.length);
        java.util.Arrays.fill(mem, dst, dst + len, (byte) value);
    }

    public static void memoryCopy(int dst, int src, int len, byte[] mem) {
        Memory.check(dst, len, mem.length);
        Memory.check(src, len, mem.length);
        System.arraycopy(mem, src, mem, dst, len);
    }

    /** {@code memory.init} from a data segment ({@code null} once dropped: empty). */
    public static void memoryInit(int dst, int src, int len, byte[] segment, byte[] mem) {
        Memory.check(src, len, segment == null ? 0 : segment.length);
        Memory.check(dst, len, mem.length);
        if (len != 0) {
            System.arraycopy(segment, src, mem, dst, len);
        }
    }

    public static int memoryGrow(int delta, Memory memory) {
        return memory.grow(delta);
    }

    // --- tables -------------------------------------------------------------------------------

    public static Object tableGet(int index, Table table) {
        return table.get(index);
    }

    public static void tableSet(int index, Object value, Table table) {
        table.set(index, value);
    }

    public static int tableGrow(Object init, int delta, Table table) {
        return table.grow(delta, init);
    }

    public static void tableFill(int dst, Object value, int len, Table table) {
        table.fill(dst, value, len);
    }

    public static void tableCopy(int dst, int src, int len, Table dstTable, Table srcTable) {
        dstTable.copy(dst, srcTable, src, len);
    }

    /** {@code table.init} from an element segment ({@code null} once dropped: empty). */
    public static void tableInit(int dst, int src, int len, Table table, Object[] segment) {
        table.init(segment, dst, src, len);
    }

    // --- frame arrays of split functions --------------------------------------------------------
    // A function too large for one JVM method keeps its locals in a long[] (numbers as raw bits:
    // i32 sign-extended, f32 as its int bits) and an Object[] (references), shared with the
    // methods it is split into. These store a value from the operand stack into a slot.

    public static void putI32(int v, long[] frame, int slot) {
        frame[slot] = v;
    }

    public static void putI64(long v, long[] frame, int slot) {
        frame[slot] = v;
    }

    public static void putF32(float v, long[] frame, int slot) {
        frame[slot] = Float.floatToRawIntBits(v);
    }

    public static void putF64(double v, long[] frame, int slot) {
        frame[slot] = Double.doubleToRawLongBits(v);
    }

    public static void putRef(Object v, Object[] frame, int slot) {
        frame[slot] = v;
    }
}
