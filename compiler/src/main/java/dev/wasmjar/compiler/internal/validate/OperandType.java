package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;

/**
 * A WebAssembly 2.0 value type as validation sees it, plus {@link #UNKNOWN}: the type of an
 * operand popped from the polymorphic stack of unreachable code (the spec appendix's
 * {@code Unknown}), which matches every type.
 */
public enum OperandType {
    I32("i32"),
    I64("i64"),
    F32("f32"),
    F64("f64"),
    V128("v128"),
    FUNCREF("funcref"),
    EXTERNREF("externref"),
    UNKNOWN("unknown");

    /** Chicory's heap type codes (negative s33 values) of {@code func} and {@code extern}. */
    private static final int FUNC_HEAP_TYPE = -16;
    private static final int EXTERN_HEAP_TYPE = -17;

    private static final OperandType[] NONE = new OperandType[0];

    private final String wasmName;

    OperandType(String wasmName) {
        this.wasmName = wasmName;
    }

    /** The text-format name, e.g. {@code i32}. */
    public String wasmName() {
        return wasmName;
    }

    /** Numeric types: {@code i32}, {@code i64}, {@code f32}, {@code f64}. */
    public boolean isNumeric() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /** The vector type {@code v128}. */
    public boolean isVector() {
        return this == V128;
    }

    /** Reference types: {@code funcref}, {@code externref}. */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** The type of a Chicory value type; a type beyond WebAssembly 2.0 is unsupported. */
    public static OperandType of(ValType t) {
        return ofId(t.id());
    }

    /** The types of a list of Chicory value types. */
    public static OperandType[] of(java.util.List<ValType> types) {
        if (types.isEmpty()) {
            return NONE;
        }
        OperandType[] out = new OperandType[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(types.get(i));
        }
        return out;
    }

    /**
     * The type encoded by a Chicory value type id (as instruction operands carry them): the
     * opcode in the low 32 bits, for references the heap type in the high 32 bits.
     */
    public static OperandType ofId(long id) {
        int opcode = (int) id;
        switch (opcode) {
            case ValType.ID.I32:
                return I32;
            case ValType.ID.I64:
                return I64;
            case ValType.ID.F32:
                return F32;
            case ValType.ID.F64:
                return F64;
            case ValType.ID.V128:
                return V128;
            case ValType.ID.FuncRef:
                return FUNCREF; // the parser's ids of one-byte reference types keep their code
            case ValType.ID.ExternRef:
                return EXTERNREF;
            case ValType.ID.RefNull:
            case ValType.ID.Ref:
                // both nullabilities: the parser types function-index element segments as
                // non-null (ref func), which is funcref in WebAssembly 2.0
                int heapType = (int) (id >> 32);
                if (heapType == FUNC_HEAP_TYPE) {
                    return FUNCREF;
                }
                if (heapType == EXTERN_HEAP_TYPE) {
                    return EXTERNREF;
                }
                break;
            default:
                break;
        }
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "value type " + describeId(id)
                + " is not WebAssembly 2.0");
    }

    /** The reference type of a {@code ref.null} heap type operand. */
    public static OperandType ofHeapType(long heapType) {
        if (heapType == FUNC_HEAP_TYPE) {
            return FUNCREF;
        }
        if (heapType == EXTERN_HEAP_TYPE) {
            return EXTERNREF;
        }
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "heap type " + heapType + " is not WebAssembly 2.0");
    }

    private static String describeId(long id) {
        return "0x" + Integer.toHexString((int) id) + (id >> 32 != 0 ? " (heap type " + (id >> 32) + ")" : "");
    }

    /** {@code [i32 f64]}: a type sequence as the spec writes it. */
    public static String describe(OperandType[] types) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : " ").append(types[i].wasmName);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return wasmName;
    }
}
