package dev.wasmjar.compiler.internal.cli;

import dev.wasmjar.runtime.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers on the command line, as {@code --invoke} reads its arguments and prints its results.
 * Both directions follow wasmtime, so the two can be compared line by line:
 *
 * <ul>
 *   <li>{@code i32}/{@code i64} arguments: decimal, signed or unsigned (so {@code -1} and
 *       {@code 4294967295} are the same i32), or {@code 0x} hex giving the bits; results print as
 *       signed decimal.
 *   <li>{@code f32}/{@code f64} arguments: decimal with optional fraction and exponent, or
 *       {@code nan}, {@code inf}, {@code infinity} (any case, optionally signed); results print
 *       as Rust's {@code Display} does (wasmtime's): {@code NaN}, {@code inf}, {@code -inf},
 *       {@code -0}, else the digits of Java's {@code Float/Double.toString} (which round-trip)
 *       without an exponent and without a trailing {@code .0}, e.g. {@code 1}, {@code 0.1},
 *       {@code 10000000000}.
 * </ul>
 */
final class WasmValueText {
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    // What Rust's f32/f64 FromStr accepts besides the special names: no hex floats, no Java
    // suffixes like "1f" or "2d", no surrounding blanks (Float.parseFloat would take all three).
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private static final BigInteger I32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger U32_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger I64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private WasmValueText() {
    }

    /** Whether values of {@code type} can be given and printed as text (the four number types). */
    static boolean isNumber(ValueType type) {
        return type == ValueType.I32 || type == ValueType.I64 || type == ValueType.F32 || type == ValueType.F64;
    }

    /**
     * {@code text} as a value of {@code type}, boxed as {@link dev.wasmjar.runtime.WasmFunction#invoke}
     * takes it ({@code Integer}, {@code Long}, {@code Float}, {@code Double}).
     *
     * @throws IllegalArgumentException if {@code text} is not such a number (the message says
     *     why) or {@code type} is not a number type
     */
    static Object parse(ValueType type, String text) {
        switch (type) {
            case I32:
                return integer(text, I32_MIN, U32_MAX, "i32").intValue();
            case I64:
                return integer(text, I64_MIN, U64_MAX, "i64").longValue();
            case F32: {
                Double special = special(text);
                return special != null ? (Float) special.floatValue() : (Float) Float.parseFloat(decimal(text, "f32"));
            }
            case F64: {
                Double special = special(text);
                return special != null ? special : (Double) Double.parseDouble(decimal(text, "f64"));
            }
            default:
                throw new IllegalArgumentException(type.wasmName() + " values cannot be given as text");
        }
    }

    /** {@code value} (boxed as {@link #parse} returns it) as wasmtime prints a result. */
    static String format(ValueType type, Object value) {
        switch (type) {
            case I32:
            case I64:
                return value.toString();
            case F32: {
                float f = (Float) value;
                return Float.isNaN(f) || Float.isInfinite(f) || f == 0 ? special(f) : plain(Float.toString(f));
            }
            case F64: {
                double d = (Double) value;
                return Double.isNaN(d) || Double.isInfinite(d) || d == 0 ? special(d) : plain(Double.toString(d));
            }
            default:
                throw new IllegalArgumentException(type.wasmName() + " values cannot be printed as text");
        }
    }

    private static BigInteger integer(String text, BigInteger min, BigInteger max, String typeName) {
        BigInteger v;
        if (HEX.matcher(text).matches()) {
            v = new BigInteger(text.substring(2), 16);
        } else if (INTEGER.matcher(text).matches()) {
            v = new BigInteger(text);
        } else {
            throw new IllegalArgumentException("not an " + typeName + ": " + text);
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException(typeName + " out of range [" + min + ", " + max + "]: " + text);
        }
        // Above the signed maximum the number is read as unsigned: intValue()/longValue() keep
        // the low bits, which is exactly the two's complement the wasm value holds.
        return v;
    }

    private static String decimal(String text, String typeName) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not an " + typeName + ": " + text
                    + " (expected a decimal number, nan, inf or -inf)");
        }
        return text;
    }

    /** NaN or an infinity named as Rust names them, or {@code null} for any other text. */
    private static Double special(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals("nan")) {
            // The canonical NaN whatever the sign, as Rust parses "-nan" too.
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return 1 / d < 0 ? "-0" : "0";
    }

    /** Java's shortest digits ({@code "1.0E10"}) laid out as Rust prints them ({@code "10000000000"}). */
    private static String plain(String javaRepr) {
        return new BigDecimal(javaRepr).stripTrailingZeros().toPlainString();
    }
}
