package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;
import java.util.Arrays;
import java.util.List;

/**
 * Validates function bodies with the spec's algorithm: each instruction's
 * {@link InstructionRule} (from the {@link InstructionTable}) checks and updates the
 * {@link OperandStack} and {@link ControlStack}; the body is the outermost block, typed
 * {@code [] -> [results]}. One instance validates the bodies of one module in turn.
 *
 * <p>The rules reach the function's state through the accessors and the control operations
 * ({@link #pushControl}, {@link #popControl}, {@link #markUnreachable}), which are the
 * appendix's {@code push_ctrl}, {@code pop_ctrl} and {@code unreachable}.
 */
public final class FunctionValidator {
    private final ValidationContext module;
    private final InstructionTable table;
    private final ControlStack controls = new ControlStack();
    private final OperandStack operands = new OperandStack(controls);
    private OperandType[] locals = Signature.NONE;
    private OperandType[] results = Signature.NONE;

    FunctionValidator(ValidationContext module, InstructionTable table) {
        this.module = module;
        this.table = table;
    }

    /**
     * Validates the body of function {@code funcIndex}.
     *
     * @param where describes the function for messages, e.g. {@code in function 3 "main"}
     * @param offsets maps Chicory's instruction addresses to offsets in the input
     */
    void validate(int funcIndex, FunctionBody body, String where, java.util.function.IntUnaryOperator offsets) {
        Signature type = module.function(funcIndex);
        List<ValType> declared = body.localTypes();
        locals = Arrays.copyOf(type.params, type.params.length + declared.size());
        for (int i = 0; i < declared.size(); i++) {
            locals[type.params.length + i] = OperandType.of(declared.get(i));
        }
        results = type.results;
        controls.clear();
        operands.clear();
        pushControl(FrameKind.FUNCTION, Signature.NONE, results);
        List<AnnotatedInstruction> code = body.instructions();
        int n = code.size();
        for (int i = 0; i < n; i++) {
            AnnotatedInstruction in = code.get(i);
            try {
                if (controls.size() == 0) {
                    throw ValidationFailure.malformed("instructions after the function's final end");
                }
                InstructionRule rule = table.rule(in.opcode());
                if (rule == null) {
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, unsupported(in.opcode()) + " " + where,
                            offset(in.address(), offsets), null);
                }
                rule.check(in, this);
            } catch (ValidationFailure e) {
                throw e.at("(" + InstructionNames.of(in.opcode()) + " " + where + ")", offset(in.address(), offsets));
            }
        }
        if (controls.size() != 0) {
            throw ValidationFailure.malformed("function body ends without its final end").at(where, -1);
        }
    }

    private static long offset(int address, java.util.function.IntUnaryOperator offsets) {
        return address < 0 ? -1 : offsets.applyAsInt(address);
    }

    private static String unsupported(OpCode op) {
        int code = op.opcode();
        String what = code >> 8 == 0xFD ? "SIMD instruction " : "instruction ";
        return what + InstructionNames.of(op) + " is not supported";
    }

    // ------------------------------------------------------------------ state for the rules

    ValidationContext module() {
        return module;
    }

    OperandStack operands() {
        return operands;
    }

    ControlStack controls() {
        return controls;
    }

    /** The type of local {@code index} (parameters first). */
    OperandType local(long index) {
        if (index < 0 || index >= locals.length) {
            throw ValidationFailure.unknown("local", index);
        }
        return locals[(int) index];
    }

    /** The function's result types. */
    OperandType[] results() {
        return results;
    }

    /** {@code push_ctrl}: opens a frame and pushes its start types. */
    void pushControl(FrameKind kind, OperandType[] in, OperandType[] out) {
        controls.push(new ControlFrame(kind, in, out, operands.size()));
        operands.push(in);
    }

    /** {@code pop_ctrl}: pops the frame's end types, which must be all it left, and closes it. */
    ControlFrame popControl() {
        ControlFrame frame = controls.top();
        operands.pop(frame.endTypes);
        if (operands.size() != frame.height) {
            throw ValidationFailure.typeMismatch((operands.size() - frame.height) + " value(s) left on the stack at the end of a "
                    + frame.kind.name().toLowerCase(java.util.Locale.ROOT) + " with results " + OperandType.describe(frame.endTypes));
        }
        return controls.pop();
    }

    /** {@code unreachable}: the rest of the innermost frame is unreachable, its stack polymorphic. */
    void markUnreachable() {
        ControlFrame frame = controls.top();
        operands.truncate(frame.height);
        frame.unreachable = true;
    }
}
