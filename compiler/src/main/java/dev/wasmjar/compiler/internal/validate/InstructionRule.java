package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.Instruction;

/** The typing rule of one instruction: checks its immediates and updates the function's stacks. */
@FunctionalInterface
public interface InstructionRule {
    /**
     * Applies the rule to {@code in} in the function {@code f} is validating.
     *
     * @throws ValidationFailure if the instruction is not valid there
     */
    void check(Instruction in, FunctionValidator f);
}
