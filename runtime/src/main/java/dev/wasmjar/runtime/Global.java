package dev.wasmjar.runtime;

/**
 * A WebAssembly global that can be shared between instances (imported or exported).
 * Numeric values are kept as raw bits: i32 sign-extended in a long, f32 as its int bits,
 * f64 as its long bits, so NaN payloads survive.
 */
public final class Global {
    private final ValueType type;
    private final boolean mutable;
    private long bits;
    private Object ref;

    public Global(ValueType type, boolean mutable) {
        this.type = type;
        this.mutable = mutable;
        if (type == ValueType.V128) {
            ref = V128.ZERO;
        }
    }

    public static Global ofI32(int v, boolean mutable) {
        Global g = new Global(ValueType.I32, mutable);
        g.setI32(v);
        return g;
    }

    public static Global ofI64(long v, boolean mutable) {
        Global g = new Global(ValueType.I64, mutable);
        g.setI64(v);
        return g;
    }

    public static Global ofF32(float v, boolean mutable) {
        Global g = new Global(ValueType.F32, mutable);
        g.setF32(v);
        return g;
    }

    public static Global ofF64(double v, boolean mutable) {
        Global g = new Global(ValueType.F64, mutable);
        g.setF64(v);
        return g;
    }

    public static Global ofRef(ValueType type, Object v, boolean mutable) {
        Global g = new Global(type, mutable);
        g.setRef(v);
        return g;
    }

    public ValueType type() {
        return type;
    }

    public boolean isMutable() {
        return mutable;
    }

    public int getI32() {
        return (int) bits;
    }

    public void setI32(int v) {
        bits = v;
    }

    public long getI64() {
        return bits;
    }

    public void setI64(long v) {
        bits = v;
    }

    public float getF32() {
        return Float.intBitsToFloat((int) bits);
    }

    public void setF32(float v) {
        bits = Float.floatToRawIntBits(v);
    }

    public double getF64() {
        return Double.longBitsToDouble(bits);
    }

    public void setF64(double v) {
        bits = Double.doubleToRawLongBits(v);
    }

    /** The raw bits of a numeric value (see the class comment). */
    public long getBits() {
        return bits;
    }

    public void setBits(long v) {
        bits = v;
    }

    public Object getRef() {
        return ref;
    }

    public void setRef(Object v) {
        ref = v;
    }

    /** The value boxed: Integer, Long, Float, Double, or the reference. */
    public Object get() {
        switch (type) {
            case I32: return getI32();
            case I64: return getI64();
            case F32: return getF32();
            case F64: return getF64();
            default: return ref;
        }
    }
}
