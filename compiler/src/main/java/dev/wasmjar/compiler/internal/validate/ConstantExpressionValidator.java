package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;

/**
 * Validates constant expressions (global initializers, segment offsets, element initializers):
 * only {@code t.const}, {@code ref.null}, {@code ref.func} and {@code global.get} of an
 * immutable imported global, producing exactly one value of the expected type.
 *
 * <p>Only imported globals may be read, in every constant expression: that is WebAssembly 2.0
 * as its reference interpreter and test suite apply it (defined globals become readable with
 * the extended-constant-expressions proposal).
 */
final class ConstantExpressionValidator {
    private final ValidationContext context;

    ConstantExpressionValidator(ValidationContext context) {
        this.context = context;
    }

    /**
     * Checks that {@code expr} (as Chicory parsed it: without its final {@code end}, except for
     * the synthesized initializers of function-index element segments) is constant and
     * produces one {@code expected} value.
     */
    void check(List<Instruction> expr, OperandType expected) {
        OperandType result = null;
        int values = 0;
        for (Instruction in : expr) {
            OperandType pushed = typeOf(in);
            if (pushed == null) {
                continue; // the end
            }
            result = pushed;
            values++;
        }
        if (values != 1 || result != expected) {
            throw ValidationFailure.typeMismatch("constant expression must produce [" + expected + "], produces "
                    + (values == 0 ? "[]" : values > 1 ? values + " values" : "[" + result + "]"));
        }
    }

    /** The type {@code in} pushes, {@code null} for {@code end}. */
    private OperandType typeOf(Instruction in) {
        OpCode op = in.opcode();
        switch (op) {
            case I32_CONST:
                return OperandType.I32;
            case I64_CONST:
                return OperandType.I64;
            case F32_CONST:
                return OperandType.F32;
            case F64_CONST:
                return OperandType.F64;
            case V128_CONST:
                return OperandType.V128;
            case REF_NULL:
                return OperandType.ofHeapType(in.operand(0));
            case REF_FUNC:
                context.function(in.operand(0));
                return OperandType.FUNCREF;
            case GLOBAL_GET: {
                long g = in.operand(0);
                if (g < 0 || g >= context.importedGlobalCount()) {
                    throw ValidationFailure.invalid("unknown global " + g, "constant expressions may only read the "
                            + context.importedGlobalCount() + " imported globals");
                }
                if (context.isMutableGlobal((int) g)) {
                    throw ValidationFailure.invalid("constant expression required", "global " + g + " is mutable");
                }
                return context.global(g);
            }
            case END:
                return null;
            default:
                throw ValidationFailure.invalid("constant expression required", InstructionNames.of(op)
                        + " is not a constant instruction");
        }
    }
}
