package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.runtime.ValueType;
import java.util.List;

/** Maps Chicory's wasm types to the runtime's {@link ValueType} and to JVM descriptors. */
public final class WasmTypes {
    private WasmTypes() {
    }

    /** The runtime value type of {@code t}; throws {@link CompileException} for types wasmjar does not support. */
    public static ValueType valueType(ValType t) {
        if (t.equals(ValType.I32)) {
            return ValueType.I32;
        } else if (t.equals(ValType.I64)) {
            return ValueType.I64;
        } else if (t.equals(ValType.F32)) {
            return ValueType.F32;
        } else if (t.equals(ValType.F64)) {
            return ValueType.F64;
        } else if (t.equals(ValType.FuncRef)) {
            return ValueType.FUNCREF;
        } else if (t.equals(ValType.ExternRef)) {
            return ValueType.EXTERNREF;
        } else if (t.equals(ValType.V128)) {
            return ValueType.V128;
        }
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported value type " + t);
    }

    /** The runtime (interned) function type equal to {@code t}. */
    public static dev.wasmjar.runtime.FunctionType runtimeType(FunctionType t) {
        return dev.wasmjar.runtime.FunctionType.of(valueTypes(t.params()), valueTypes(t.returns()));
    }

    private static List<ValueType> valueTypes(List<ValType> types) {
        ValueType[] out = new ValueType[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = valueType(types.get(i));
        }
        return List.of(out);
    }

    /** The JVM descriptor of a value of type {@code t} outside compiled code (a {@code v128} is a {@code V128}). */
    public static String descriptor(ValType t) {
        return valueType(t).descriptor();
    }

    /**
     * The types of {@code types} as compiled code carries them: each {@code v128} becomes two
     * longs, an {@link ValueType#I64} (its low half) followed by a {@link ValueType#V128}, which
     * inside compiled code always denotes the high half of a vector. Every other type is itself.
     */
    public static ValueType[] lowered(List<ValType> types) {
        int n = types.size();
        for (ValType t : types) {
            if (t.equals(ValType.V128)) {
                n++;
            }
        }
        ValueType[] out = new ValueType[n];
        int i = 0;
        for (ValType t : types) {
            ValueType v = valueType(t);
            if (v == ValueType.V128) {
                out[i++] = ValueType.I64;
            }
            out[i++] = v;
        }
        return out;
    }

    /** The JVM descriptor of one lowered value (see {@link #lowered}): a vector's high half is a long. */
    public static String loweredDescriptor(ValueType t) {
        return t == ValueType.V128 ? "J" : t.descriptor();
    }

    /** Whether lowered results {@code r} are one vector, which a method returns as its low half (high half: {@link #VECTOR_RESULT_FIELD}). */
    public static boolean isVectorResult(ValueType[] r) {
        return r.length == 2 && r[1] == ValueType.V128;
    }

    /** The instance field (a long) where a function returning one {@code v128} leaves its high half. */
    public static final String VECTOR_RESULT_FIELD = "v128$hi";

    /**
     * The descriptor of a static method implementing a function of type {@code t} in compiled
     * code: the lowered parameters, then {@code extraParams} (e.g. the instance), returning void,
     * the single lowered result, a vector's low half, or {@code Object[]}. For types without
     * {@code v128} it equals {@link #publicMethodDescriptor}.
     */
    public static String methodDescriptor(FunctionType t, String extraParams) {
        StringBuilder sb = new StringBuilder("(");
        for (ValueType p : lowered(t.params())) {
            sb.append(loweredDescriptor(p));
        }
        sb.append(extraParams).append(')');
        return sb.append(returnDescriptor(t)).toString();
    }

    /** The JVM return descriptor of a function of type {@code t} in compiled code (see {@link #methodDescriptor}). */
    public static String returnDescriptor(FunctionType t) {
        ValueType[] r = lowered(t.returns());
        return r.length == 0 ? "V" : r.length == 1 ? loweredDescriptor(r[0])
                : isVectorResult(r) ? "J" : "[Ljava/lang/Object;";
    }

    /**
     * The descriptor of the method handle of a function of type {@code t} (its
     * {@code FunctionType.methodType()}), with {@code extraParams} before the closing parenthesis.
     */
    public static String publicMethodDescriptor(FunctionType t, String extraParams) {
        StringBuilder sb = new StringBuilder("(");
        for (ValType p : t.params()) {
            sb.append(descriptor(p));
        }
        sb.append(extraParams).append(')');
        return sb.append(publicReturnDescriptor(t)).toString();
    }

    /** The return descriptor of the method handle of a function of type {@code t}. */
    public static String publicReturnDescriptor(FunctionType t) {
        List<ValType> r = t.returns();
        return r.isEmpty() ? "V" : r.size() == 1 ? descriptor(r.get(0)) : "[Ljava/lang/Object;";
    }

    /** The number of JVM local slots the parameters of {@code t} occupy in compiled code. */
    public static int parameterSlots(FunctionType t) {
        int n = 0;
        for (ValueType p : lowered(t.params())) {
            n += slots(p);
        }
        return n;
    }

    /** The number of JVM local slots the parameters of {@code t} occupy in a method handle's method. */
    public static int publicParameterSlots(FunctionType t) {
        int n = 0;
        for (ValType p : t.params()) {
            ValueType v = valueType(p);
            n += v == ValueType.V128 ? 1 : slots(v);
        }
        return n;
    }

    /** JVM slots of a lowered value: 2 for i64, f64 and a vector's high half, else 1. */
    public static int slots(ValueType t) {
        return t == ValueType.I64 || t == ValueType.F64 || t == ValueType.V128 ? 2 : 1;
    }
}
