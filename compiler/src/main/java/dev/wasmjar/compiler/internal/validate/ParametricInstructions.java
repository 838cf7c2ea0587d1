package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/** Parametric instructions: {@code drop} and {@code select} (untyped, and typed {@code select t}). */
final class ParametricInstructions implements InstructionFamily {

    @Override
    public void register(InstructionTable t) {
        t.register(OpCode.DROP, (in, f) -> f.operands().pop());
        t.register(OpCode.SELECT, ParametricInstructions::select);
        t.register(OpCode.SELECT_T, ParametricInstructions::typedSelect);
    }

    /** Untyped select: two operands of the same numeric or vector type (UNKNOWN counts as both). */
    private static void select(Instruction in, FunctionValidator f) {
        OperandStack operands = f.operands();
        operands.pop(OperandType.I32);
        OperandType t1 = operands.pop();
        OperandType t2 = operands.pop();
        boolean numeric = isNumericOrUnknown(t1) && isNumericOrUnknown(t2);
        boolean vector = isVectorOrUnknown(t1) && isVectorOrUnknown(t2);
        if (!numeric && !vector) {
            throw ValidationFailure.typeMismatch("select without a type takes numeric or vector operands, found "
                    + t2 + " and " + t1 + " (reference operands need select with a type)");
        }
        if (t1 != t2 && t1 != OperandType.UNKNOWN && t2 != OperandType.UNKNOWN) {
            throw ValidationFailure.typeMismatch("select operands of different types " + t2 + " and " + t1);
        }
        operands.push(t1 == OperandType.UNKNOWN ? t2 : t1);
    }

    private static boolean isNumericOrUnknown(OperandType t) {
        return t.isNumeric() || t == OperandType.UNKNOWN;
    }

    private static boolean isVectorOrUnknown(OperandType t) {
        return t.isVector() || t == OperandType.UNKNOWN;
    }

    /** {@code select t}: Chicory's operands are the value type ids; WebAssembly 2.0 allows exactly one. */
    private static void typedSelect(Instruction in, FunctionValidator f) {
        if (in.operandCount() != 1) {
            throw ValidationFailure.invalid("invalid result arity", "select takes exactly one type, has " + in.operandCount());
        }
        OperandType t = OperandType.ofId(in.operand(0));
        OperandStack operands = f.operands();
        operands.pop(OperandType.I32);
        operands.pop(t);
        operands.pop(t);
        operands.push(t);
    }
}
