package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.OpCode;

/** Variable instructions: {@code local.get/set/tee} and {@code global.get/set}. */
final class VariableInstructions implements InstructionFamily {

    @Override
    public void register(InstructionTable t) {
        t.register(OpCode.LOCAL_GET, (in, f) -> f.operands().push(f.local(in.operand(0))));
        t.register(OpCode.LOCAL_SET, (in, f) -> f.operands().pop(f.local(in.operand(0))));
        t.register(OpCode.LOCAL_TEE, (in, f) -> {
            OperandType type = f.local(in.operand(0));
            f.operands().pop(type);
            f.operands().push(type);
        });
        t.register(OpCode.GLOBAL_GET, (in, f) -> f.operands().push(f.module().global(in.operand(0))));
        t.register(OpCode.GLOBAL_SET, (in, f) -> {
            long g = in.operand(0);
            OperandType type = f.module().global(g);
            if (!f.module().isMutableGlobal((int) g)) {
                throw ValidationFailure.invalid("global is immutable", "global " + g);
            }
            f.operands().pop(type);
        });
    }
}
