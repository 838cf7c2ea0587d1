package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Arrays;

/**
 * Control instructions: {@code unreachable}, {@code nop}, {@code block}, {@code loop},
 * {@code if}/{@code else}/{@code end}, the branches, {@code return}, {@code call} and
 * {@code call_indirect}.
 */
final class ControlInstructions implements InstructionFamily {
    /** Chicory's block type operand for "no parameters or results". */
    private static final long EMPTY_BLOCK_TYPE = 0x40;

    @Override
    public void register(InstructionTable t) {
        t.register(OpCode.UNREACHABLE, (in, f) -> f.markUnreachable());
        t.register(OpCode.NOP, (in, f) -> { });
        t.register(OpCode.BLOCK, (in, f) -> enter(FrameKind.BLOCK, in, f));
        t.register(OpCode.LOOP, (in, f) -> enter(FrameKind.LOOP, in, f));
        t.register(OpCode.IF, (in, f) -> {
            f.operands().pop(OperandType.I32);
            enter(FrameKind.IF, in, f);
        });
        t.register(OpCode.ELSE, ControlInstructions::elseBranch);
        t.register(OpCode.END, ControlInstructions::end);
        t.register(OpCode.BR, (in, f) -> {
            f.operands().pop(f.controls().label(in.operand(0)).labelTypes());
            f.markUnreachable();
        });
        t.register(OpCode.BR_IF, (in, f) -> {
            f.operands().pop(OperandType.I32);
            OperandType[] label = f.controls().label(in.operand(0)).labelTypes();
            f.operands().pop(label);
            f.operands().push(label);
        });
        t.register(OpCode.BR_TABLE, ControlInstructions::brTable);
        t.register(OpCode.RETURN, (in, f) -> {
            f.operands().pop(f.results());
            f.markUnreachable();
        });
        t.register(OpCode.CALL, (in, f) -> f.module().function(in.operand(0)).apply(f.operands()));
        t.register(OpCode.CALL_INDIRECT, ControlInstructions::callIndirect);
    }

    private static void enter(FrameKind kind, Instruction in, FunctionValidator f) {
        Signature type = blockType(in.operand(0), f.module());
        f.operands().pop(type.params);
        f.pushControl(kind, type.params, type.results);
    }

    /**
     * The type of a block type operand as Chicory's parser gives it: 0x40 for none, a value type
     * id for one result, else a type index. (Type indices that collide with those encodings are
     * renumbered before parsing, see {@code BlockTypeIndices}.)
     */
    static Signature blockType(long operand, ValidationContext module) {
        if (operand == EMPTY_BLOCK_TYPE) {
            return Signature.EMPTY;
        }
        if (ValType.isValid(operand)) {
            return Signature.producing(OperandType.ofId(operand));
        }
        return module.type(operand);
    }

    private static void elseBranch(Instruction in, FunctionValidator f) {
        if (f.controls().top().kind != FrameKind.IF) {
            throw ValidationFailure.malformed("else without a matching if");
        }
        ControlFrame frame = f.popControl();
        f.pushControl(FrameKind.ELSE, frame.startTypes, frame.endTypes);
    }

    private static void end(Instruction in, FunctionValidator f) {
        ControlFrame frame = f.popControl();
        if (frame.kind == FrameKind.IF && !Arrays.equals(frame.startTypes, frame.endTypes)) {
            // an if without else has an implicit empty else, which must turn the start types into the end types
            throw ValidationFailure.typeMismatch("if without else must have equal parameter and result types, has "
                    + OperandType.describe(frame.startTypes) + " -> " + OperandType.describe(frame.endTypes));
        }
        f.operands().push(frame.endTypes);
    }

    /** Chicory's operands of {@code br_table}: the target labels, then the default label. */
    private static void brTable(Instruction in, FunctionValidator f) {
        long[] labels = in.operands();
        OperandStack operands = f.operands();
        operands.pop(OperandType.I32);
        OperandType[] defaultTypes = f.controls().label(labels[labels.length - 1]).labelTypes();
        for (int i = 0; i < labels.length - 1; i++) {
            OperandType[] types = f.controls().label(labels[i]).labelTypes();
            if (types.length != defaultTypes.length) {
                throw ValidationFailure.typeMismatch("br_table targets of different arity: label " + labels[i] + " takes "
                        + OperandType.describe(types) + ", the default " + OperandType.describe(defaultTypes));
            }
            operands.push(operands.popReturning(types));
        }
        operands.pop(defaultTypes);
        f.markUnreachable();
    }

    private static void callIndirect(Instruction in, FunctionValidator f) {
        long tableIndex = in.operand(1);
        if (f.module().table(tableIndex) != OperandType.FUNCREF) {
            throw ValidationFailure.typeMismatch("call_indirect through table " + tableIndex + " of "
                    + f.module().table(tableIndex) + ", not funcref");
        }
        Signature type = f.module().type(in.operand(0));
        f.operands().pop(OperandType.I32);
        type.apply(f.operands());
    }
}
