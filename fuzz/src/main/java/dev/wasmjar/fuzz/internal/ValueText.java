package dev.wasmjar.fuzz.internal;

import dev.wasmjar.runtime.ValueType;

/**
 * The canonical text of a wasm value in a {@link Transcript}: {@code i32:} and {@code f32:}
 * with 8 hex digits of the bits, {@code i64:} and {@code f64:} with 16, so floats compare bit
 * for bit; references say only whether they are null ({@code funcref:null},
 * {@code funcref:func}, {@code externref:null}, {@code externref:value}).
 */
public final class ValueText {
    private ValueText() {
    }

    /** The token of {@code value} (as generated code boxes it) of type {@code type}. */
    public static String of(ValueType type, Object value) {
        switch (type) {
            case I32: return i32((Integer) value);
            case I64: return i64((Long) value);
            case F32: return "f32:" + hex(Float.floatToRawIntBits((Float) value) & 0xffffffffL, 8);
            case F64: return "f64:" + hex(Double.doubleToRawLongBits((Double) value), 16);
            case FUNCREF: return value == null ? "funcref:null" : "funcref:func";
            case EXTERNREF: return value == null ? "externref:null" : "externref:value";
            default: return type.wasmName() + ":?";
        }
    }

    public static String i32(int v) {
        return "i32:" + hex(v & 0xffffffffL, 8);
    }

    public static String i64(long v) {
        return "i64:" + hex(v, 16);
    }

    /** The zero value of {@code type} as generated code takes it (null for references). */
    public static Object zero(ValueType type) {
        switch (type) {
            case I32: return 0;
            case I64: return 0L;
            case F32: return 0f;
            case F64: return 0d;
            default: return null;
        }
    }

    /** Whether {@code token} is an {@code f32:} or {@code f64:} token whose bits are a NaN. */
    public static boolean isNaN(String token) {
        try {
            if (token.startsWith("f32:") && token.length() == 12) {
                return Float.isNaN(Float.intBitsToFloat((int) Long.parseLong(token.substring(4), 16)));
            }
            if (token.startsWith("f64:") && token.length() == 20) {
                return Double.isNaN(Double.longBitsToDouble(Long.parseUnsignedLong(token.substring(4), 16)));
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return false;
    }

    private static String hex(long bits, int digits) {
        String h = Long.toHexString(bits);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }
}
