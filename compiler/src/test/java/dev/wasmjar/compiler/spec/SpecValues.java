package dev.wasmjar.compiler.spec;

import dev.wasmjar.runtime.Global;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts spec-suite values between their JSON form and what wasmjar's runtime passes around,
 * and compares results with expectations.
 *
 * <p>JSON values are {@code {"type": T, "value": V}} where V is the unsigned decimal of the bit
 * pattern for numbers, {@code nan:canonical} / {@code nan:arithmetic} for NaN classes,
 * {@code null} or a number N ({@code ref.extern N}) for references, and for {@code v128} an
 * array of lane strings with a {@code lane_type}. A reference expectation without a value means
 * "any non-null reference" ({@code (ref.func)} / {@code (ref.extern)} in the .wast).
 *
 * <p>Results are compared as raw bits, never as Java floats, so NaN payloads and the sign of
 * zero count.
 */
final class SpecValues {
    private SpecValues() {
    }

    /**
     * The host value of {@code ref.extern N}. The suite only needs equality by N; one object is
     * kept per N as well, so that engines comparing references by identity see the same value.
     */
    static final class ExternRef {
        private static final ConcurrentHashMap<Long, ExternRef> CACHE = new ConcurrentHashMap<>();
        final long n;

        private ExternRef(long n) {
            this.n = n;
        }

        static ExternRef of(long n) {
            return CACHE.computeIfAbsent(n, ExternRef::new);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExternRef && ((ExternRef) o).n == n;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(n);
        }

        @Override
        public String toString() {
            return "ref.extern " + n;
        }
    }

    /**
     * An actual value normalised for comparison: numeric values as raw bits (i32 and f32 in the
     * low 32 bits), references and v128 bytes in {@code ref}. {@code problem} is set when the
     * runtime handed back something of the wrong Java class.
     */
    static final class Val {
        final ValueType type;
        final long bits;
        final Object ref;
        final String problem;

        private Val(ValueType type, long bits, Object ref, String problem) {
            this.type = type;
            this.bits = bits;
            this.ref = ref;
            this.problem = problem;
        }

        /** A value of declared type {@code type} as boxed by {@link WasmFunction#invoke}. */
        static Val ofBoxed(ValueType type, Object o) {
            switch (type) {
                case I32:
                    return o instanceof Integer ? new Val(type, (Integer) o, null, null) : wrongClass(type, o);
                case I64:
                    return o instanceof Long ? new Val(type, (Long) o, null, null) : wrongClass(type, o);
                case F32:
                    return o instanceof Float
                            ? new Val(type, Float.floatToRawIntBits((Float) o), null, null) : wrongClass(type, o);
                case F64:
                    return o instanceof Double
                            ? new Val(type, Double.doubleToRawLongBits((Double) o), null, null) : wrongClass(type, o);
                case V128: {
                    byte[] b = v128Bytes(o);
                    return b != null ? new Val(type, 0, b, null) : wrongClass(type, o);
                }
                case FUNCREF:
                    return o == null || o instanceof WasmFunction ? new Val(type, 0, o, null) : wrongClass(type, o);
                default:
                    return new Val(type, 0, o, null);
            }
        }

        /** The current value of a global, read as raw bits so NaN payloads survive. */
        static Val ofGlobal(Global g) {
            switch (g.type()) {
                case I32:
                case F32:
                    return new Val(g.type(), (int) g.getBits(), null, null);
                case I64:
                case F64:
                    return new Val(g.type(), g.getBits(), null, null);
                case V128: {
                    Object r = g.getRef();
                    byte[] b = v128Bytes(r);
                    return b != null ? new Val(g.type(), 0, b, null) : wrongClass(g.type(), r);
                }
                default:
                    return new Val(g.type(), 0, g.getRef(), null);
            }
        }

        private static Val wrongClass(ValueType type, Object o) {
            return new Val(type, 0, o, "a " + type.wasmName() + " result came back as "
                    + (o == null ? "null" : o.getClass().getName() + " " + o));
        }

        @Override
        public String toString() {
            if (problem != null) {
                return problem;
            }
            switch (type) {
                case I32:
                    return "i32:" + (int) bits;
                case I64:
                    return "i64:" + bits;
                case F32:
                    return "f32:" + describeF32((int) bits);
                case F64:
                    return "f64:" + describeF64(bits);
                case V128:
                    return "v128:" + hex((byte[]) ref);
                case FUNCREF:
                    return ref == null ? "ref.null func" : "ref.func " + ref;
                default:
                    return ref == null ? "ref.null extern" : ref instanceof ExternRef ? ref.toString()
                            : "ref.extern <" + ref.getClass().getName() + " " + ref + ">";
            }
        }
    }

    /** The Java argument for a JSON value, as {@link WasmFunction#invoke} expects it. */
    static Object toArg(Map<String, Object> v) {
        String type = str(v, "type");
        Object value = v.get("value");
        switch (type) {
            case "i32":
                return (int) Long.parseUnsignedLong((String) value);
            case "i64":
                return Long.parseUnsignedLong((String) value);
            case "f32":
                return Float.intBitsToFloat((int) Long.parseUnsignedLong((String) value));
            case "f64":
                return Double.longBitsToDouble(Long.parseUnsignedLong((String) value));
            case "externref":
                return value == null || "null".equals(value) ? null : ExternRef.of(Long.parseUnsignedLong((String) value));
            case "funcref":
                if (value == null || "null".equals(value)) {
                    return null;
                }
                throw new IllegalArgumentException("a funcref argument other than null cannot be written in a script");
            case "v128":
                return dev.wasmjar.runtime.V128.ofBytes(v128FromJson(v));
            default:
                throw new IllegalArgumentException("unknown value type " + type);
        }
    }

    /** Null when {@code actual} matches the JSON expectation, else why not. */
    static String mismatch(Map<String, Object> expected, Val actual) {
        if (actual.problem != null) {
            return actual.problem;
        }
        String type = str(expected, "type");
        Object value = expected.get("value");
        if (!type.equals(actual.type.wasmName())) {
            return "expected a " + type + ", got a " + actual.type.wasmName();
        }
        boolean ok;
        switch (type) {
            case "i32":
                ok = (int) actual.bits == (int) Long.parseUnsignedLong((String) value);
                break;
            case "i64":
                ok = actual.bits == Long.parseUnsignedLong((String) value);
                break;
            case "f32":
                ok = f32Matches((String) value, (int) actual.bits);
                break;
            case "f64":
                ok = f64Matches((String) value, actual.bits);
                break;
            case "externref":
                ok = value == null ? actual.ref != null
                        : "null".equals(value) ? actual.ref == null
                        : Objects.equals(actual.ref, ExternRef.of(Long.parseUnsignedLong((String) value)));
                break;
            case "funcref":
                ok = value == null ? actual.ref != null
                        : "null".equals(value) ? actual.ref == null
                        : false; // no script writes a particular function as an expected value
                break;
            case "v128":
                ok = v128Matches(expected, (byte[]) actual.ref);
                break;
            default:
                return "unknown expected type " + type;
        }
        return ok ? null : "expected " + describe(expected) + ", got " + actual;
    }

    static boolean f32Matches(String expected, int bits) {
        switch (expected) {
            case "nan:canonical":
                return (bits & 0x7fff_ffff) == 0x7fc0_0000;
            case "nan:arithmetic":
                // Exponent all ones and the quiet bit set; any payload and sign.
                return (bits & 0x7fc0_0000) == 0x7fc0_0000;
            default:
                return bits == (int) Long.parseUnsignedLong(expected);
        }
    }

    static boolean f64Matches(String expected, long bits) {
        switch (expected) {
            case "nan:canonical":
                return (bits & 0x7fff_ffff_ffff_ffffL) == 0x7ff8_0000_0000_0000L;
            case "nan:arithmetic":
                return (bits & 0x7ff8_0000_0000_0000L) == 0x7ff8_0000_0000_0000L;
            default:
                return bits == Long.parseUnsignedLong(expected);
        }
    }

    /** The JSON value in wast-like text, e.g. {@code f32:1.5 (0x3fc00000)}. */
    static String describe(Map<String, Object> v) {
        String type = str(v, "type");
        Object value = v.get("value");
        if (value instanceof String && ((String) value).startsWith("nan:")) {
            return type + ":" + value;
        }
        switch (type) {
            case "i32":
                return "i32:" + (int) Long.parseUnsignedLong((String) value);
            case "i64":
                return "i64:" + Long.parseUnsignedLong((String) value);
            case "f32":
                return "f32:" + describeF32((int) Long.parseUnsignedLong((String) value));
            case "f64":
                return "f64:" + describeF64(Long.parseUnsignedLong((String) value));
            case "externref":
                return value == null ? "ref.extern (any)" : "null".equals(value) ? "ref.null extern" : "ref.extern " + value;
            case "funcref":
                return value == null ? "ref.func (any)" : "null".equals(value) ? "ref.null func" : "ref.func " + value;
            case "v128":
                return "v128:" + v.get("lane_type") + value;
            default:
                return type + ":" + value;
        }
    }

    /** A list of JSON values described, e.g. {@code (i32:1 f64:2.0 (0x4000000000000000))}. */
    static String describeAll(List<Map<String, Object>> values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(describe(values.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String describeF32(int bits) {
        return Float.intBitsToFloat(bits) + " (0x" + Integer.toHexString(bits) + ")";
    }

    private static String describeF64(long bits) {
        return Double.longBitsToDouble(bits) + " (0x" + Long.toHexString(bits) + ")";
    }

    // ---- v128 -----------------------------------------------------------------------------
    // wasmjar does not compile SIMD yet, so there is no settled Java carrier for v128. The
    // harness passes a little-endian byte[16] and accepts byte[16], long[2] (low half first)
    // or int[4] back; revisit once the runtime defines a v128 representation.

    static byte[] v128FromJson(Map<String, Object> v) {
        String laneType = str(v, "lane_type");
        @SuppressWarnings("unchecked")
        List<Object> lanes = (List<Object>) v.get("value");
        int width = laneWidth(laneType);
        byte[] out = new byte[16];
        for (int i = 0; i < lanes.size(); i++) {
            String s = (String) lanes.get(i);
            long bits;
            if (s.startsWith("nan:")) {
                // Only meaningful for expectations; as an argument use the canonical NaN.
                bits = width == 4 ? 0x7fc0_0000L : 0x7ff8_0000_0000_0000L;
            } else {
                bits = Long.parseUnsignedLong(s);
            }
            for (int b = 0; b < width; b++) {
                out[i * width + b] = (byte) (bits >>> (8 * b));
            }
        }
        return out;
    }

    private static boolean v128Matches(Map<String, Object> expected, byte[] actual) {
        String laneType = str(expected, "lane_type");
        @SuppressWarnings("unchecked")
        List<Object> lanes = (List<Object>) expected.get("value");
        int width = laneWidth(laneType);
        for (int i = 0; i < lanes.size(); i++) {
            long bits = 0;
            for (int b = width - 1; b >= 0; b--) {
                bits = (bits << 8) | (actual[i * width + b] & 0xff);
            }
            String s = (String) lanes.get(i);
            boolean ok;
            if (laneType.equals("f32")) {
                ok = f32Matches(s, (int) bits);
            } else if (laneType.equals("f64")) {
                ok = f64Matches(s, bits);
            } else {
                long mask = width == 8 ? -1L : (1L << (8 * width)) - 1;
                ok = (bits & mask) == (Long.parseUnsignedLong(s) & mask);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int laneWidth(String laneType) {
        switch (laneType) {
            case "i8": return 1;
            case "i16": return 2;
            case "i32": case "f32": return 4;
            case "i64": case "f64": return 8;
            default: throw new IllegalArgumentException("unknown lane type " + laneType);
        }
    }

    private static byte[] v128Bytes(Object o) {
        if (o instanceof dev.wasmjar.runtime.V128) {
            return ((dev.wasmjar.runtime.V128) o).toBytes();
        }
        if (o instanceof byte[] && ((byte[]) o).length == 16) {
            return (byte[]) o;
        }
        byte[] out = new byte[16];
        if (o instanceof long[] && ((long[]) o).length == 2) {
            long[] l = (long[]) o;
            for (int i = 0; i < 16; i++) {
                out[i] = (byte) (l[i / 8] >>> (8 * (i % 8)));
            }
            return out;
        }
        if (o instanceof int[] && ((int[]) o).length == 4) {
            int[] l = (int[]) o;
            for (int i = 0; i < 16; i++) {
                out[i] = (byte) (l[i / 4] >>> (8 * (i % 4)));
            }
            return out;
        }
        return null;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 15; i >= 0; i--) {
            sb.append(String.format("%02x", b[i] & 0xff));
        }
        return sb.toString();
    }

    static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String)) {
            throw new IllegalArgumentException("missing string \"" + key + "\" in " + m);
        }
        return (String) v;
    }
}
