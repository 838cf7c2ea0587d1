package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.RuntimeNames;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.Opcodes;

/** JVM facts about wasm value types, as the body generator needs them. */
final class Types {
    static final String OBJECT = "java/lang/Object";
    static final ValueType[] NONE = new ValueType[0];

    private Types() {
    }

    /** The value type of {@code t}; SIMD is not compiled yet. */
    static ValueType of(ValType t) {
        ValueType v = WasmTypes.valueType(t);
        if (v == ValueType.V128) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "SIMD (v128) is not supported");
        }
        return v;
    }

    static ValueType[] of(List<ValType> types) {
        if (types.isEmpty()) {
            return NONE;
        }
        ValueType[] out = new ValueType[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(types.get(i));
        }
        return out;
    }


    static boolean isRef(ValueType t) {
        return t == ValueType.FUNCREF || t == ValueType.EXTERNREF;
    }

    /** The element of a stack map frame describing a value of type {@code t}. */
    static Object frameType(ValueType t) {
        switch (t) {
            case I32: return Opcodes.INTEGER;
            case I64: return Opcodes.LONG;
            case F32: return Opcodes.FLOAT;
            case F64: return Opcodes.DOUBLE;
            case FUNCREF: return RuntimeNames.WASM_FUNCTION;
            default: return OBJECT;
        }
    }

    static String descriptor(ValueType t) {
        return t.descriptor();
    }

    static int loadOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.ILOAD;
            case I64: return Opcodes.LLOAD;
            case F32: return Opcodes.FLOAD;
            case F64: return Opcodes.DLOAD;
            default: return Opcodes.ALOAD;
        }
    }

    static int storeOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.ISTORE;
            case I64: return Opcodes.LSTORE;
            case F32: return Opcodes.FSTORE;
            case F64: return Opcodes.DSTORE;
            default: return Opcodes.ASTORE;
        }
    }

    static int returnOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.IRETURN;
            case I64: return Opcodes.LRETURN;
            case F32: return Opcodes.FRETURN;
            case F64: return Opcodes.DRETURN;
            default: return Opcodes.ARETURN;
        }
    }

    /** Pushes the zero value of {@code t}. */
    static int zeroOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.ICONST_0;
            case I64: return Opcodes.LCONST_0;
            case F32: return Opcodes.FCONST_0;
            case F64: return Opcodes.DCONST_0;
            default: return Opcodes.ACONST_NULL;
        }
    }

    /** The box class of {@code t} in multi-value result arrays (references are not boxed). */
    static String boxClass(ValueType t) {
        switch (t) {
            case I32: return "java/lang/Integer";
            case I64: return "java/lang/Long";
            case F32: return "java/lang/Float";
            case F64: return "java/lang/Double";
            default: return null;
        }
    }

    static String unboxMethod(ValueType t) {
        switch (t) {
            case I32: return "intValue";
            case I64: return "longValue";
            case F32: return "floatValue";
            default: return "doubleValue";
        }
    }
}
