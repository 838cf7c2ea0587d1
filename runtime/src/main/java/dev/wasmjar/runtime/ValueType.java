package dev.wasmjar.runtime;

/**
 * A WebAssembly value type and the JVM type that carries it in generated code.
 *
 * <p>{@code i32} is an {@code int}, {@code i64} a {@code long}, {@code f32} a {@code float}
 * (NaN bit patterns preserved), {@code f64} a {@code double}, {@code funcref} a
 * {@link WasmFunction} (or {@code null}), {@code externref} any {@link Object} (or {@code null})
 * and {@code v128} a {@link V128}.
 */
public enum ValueType {
    I32(int.class, "I"),
    I64(long.class, "J"),
    F32(float.class, "F"),
    F64(double.class, "D"),
    /** The 128-bit SIMD vector, a {@link V128} outside compiled code. */
    V128(V128.class, "Ldev/wasmjar/runtime/V128;"),
    FUNCREF(WasmFunction.class, "Ldev/wasmjar/runtime/WasmFunction;"),
    EXTERNREF(Object.class, "Ljava/lang/Object;");

    private final Class<?> jvmType;
    private final String descriptor;

    ValueType(Class<?> jvmType, String descriptor) {
        this.jvmType = jvmType;
        this.descriptor = descriptor;
    }

    /** The JVM class that carries values of this type. */
    public Class<?> jvmType() {
        return jvmType;
    }

    /** The JVM field/parameter descriptor of {@link #jvmType()}. */
    public String descriptor() {
        return descriptor;
    }

    /** Whether this is a reference type ({@code funcref} or {@code externref}). */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** The name used in the WebAssembly text format, e.g. {@code i32} or {@code funcref}. */
    public String wasmName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
