package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.internal.RuntimeNames;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;
import java.util.List;
import org.objectweb.asm.Opcodes;

/**
 * JVM facts about wasm value types, as the body generator needs them. Types here are lowered
 * (see {@link WasmTypes#lowered}): a {@code v128} is two longs, an {@code I64} for its low half
 * and a {@code V128} for its high half, so every generic path (locals, blocks, branches, calls,
 * split regions) moves vectors as pairs of longs, and the {@code V128} marker tells the few
 * that must see whole vectors ({@code drop}, {@code select}) where one is.
 */
final class Types {
    static final String OBJECT = "java/lang/Object";
    static final ValueType[] NONE = new ValueType[0];

    private Types() {
    }

    /** {@code types} lowered. */
    static ValueType[] of(List<ValType> types) {
        return types.isEmpty() ? NONE : WasmTypes.lowered(types);
    }

    /** {@code t} lowered: one type, or two for a {@code v128}. */
    static ValueType[] of(ValType t) {
        return WasmTypes.lowered(List.of(t));
    }

    static boolean isRef(ValueType t) {
        return t == ValueType.FUNCREF || t == ValueType.EXTERNREF;
    }

    /** The element of a stack map frame describing a value of type {@code t}. */
    static Object frameType(ValueType t) {
        switch (t) {
            case I32: return Opcodes.INTEGER;
            case I64:
            case V128: return Opcodes.LONG;
            case F32: return Opcodes.FLOAT;
            case F64: return Opcodes.DOUBLE;
            case FUNCREF: return RuntimeNames.WASM_FUNCTION;
            default: return OBJECT;
        }
    }

    static String descriptor(ValueType t) {
        return WasmTypes.loweredDescriptor(t);
    }

    static int loadOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.ILOAD;
            case I64:
            case V128: return Opcodes.LLOAD;
            case F32: return Opcodes.FLOAD;
            case F64: return Opcodes.DLOAD;
            default: return Opcodes.ALOAD;
        }
    }

    static int storeOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.ISTORE;
            case I64:
            case V128: return Opcodes.LSTORE;
            case F32: return Opcodes.FSTORE;
            case F64: return Opcodes.DSTORE;
            default: return Opcodes.ASTORE;
        }
    }

    static int returnOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.IRETURN;
            case I64:
            case V128: return Opcodes.LRETURN;
            case F32: return Opcodes.FRETURN;
            case F64: return Opcodes.DRETURN;
            default: return Opcodes.ARETURN;
        }
    }

    /** Pushes the zero value of {@code t}. */
    static int zeroOp(ValueType t) {
        switch (t) {
            case I32: return Opcodes.ICONST_0;
            case I64:
            case V128: return Opcodes.LCONST_0;
            case F32: return Opcodes.FCONST_0;
            case F64: return Opcodes.DCONST_0;
            default: return Opcodes.ACONST_NULL;
        }
    }

    /** The box class of {@code t} in multi-value result arrays (references are not boxed). */
    static String boxClass(ValueType t) {
        switch (t) {
            case I32: return "java/lang/Integer";
            case I64:
            case V128: return "java/lang/Long";
            case F32: return "java/lang/Float";
            case F64: return "java/lang/Double";
            default: return null;
        }
    }

    static String unboxMethod(ValueType t) {
        switch (t) {
            case I32: return "intValue";
            case I64:
            case V128: return "longValue";
            case F32: return "floatValue";
            default: return "doubleValue";
        }
    }
}
