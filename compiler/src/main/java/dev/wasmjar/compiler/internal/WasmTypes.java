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

    /** The JVM descriptor of a value of type {@code t}. */
    public static String descriptor(ValType t) {
        return valueType(t).descriptor();
    }

    /**
     * The descriptor of a static method implementing a function of type {@code t}: wasm
     * parameters, then {@code extraParams} (e.g. the instance), returning void, the single
     * result or {@code Object[]}.
     */
    public static String methodDescriptor(FunctionType t, String extraParams) {
        StringBuilder sb = new StringBuilder("(");
        for (ValType p : t.params()) {
            sb.append(descriptor(p));
        }
        sb.append(extraParams).append(')');
        return sb.append(returnDescriptor(t)).toString();
    }

    /** The JVM return descriptor of a function of type {@code t}. */
    public static String returnDescriptor(FunctionType t) {
        List<ValType> r = t.returns();
        return r.isEmpty() ? "V" : r.size() == 1 ? descriptor(r.get(0)) : "[Ljava/lang/Object;";
    }

    /** The number of JVM local slots the parameters of {@code t} occupy. */
    public static int parameterSlots(FunctionType t) {
        int n = 0;
        for (ValType p : t.params()) {
            n += slots(valueType(p));
        }
        return n;
    }

    /** 2 for i64 and f64, else 1. */
    public static int slots(ValueType t) {
        return t == ValueType.I64 || t == ValueType.F64 ? 2 : 1;
    }
}
