package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.OpCode;

/** Reference instructions: {@code ref.null}, {@code ref.is_null}, {@code ref.func}. */
final class ReferenceInstructions implements InstructionFamily {

    @Override
    public void register(InstructionTable t) {
        t.register(OpCode.REF_NULL, (in, f) -> f.operands().push(OperandType.ofHeapType(in.operand(0))));
        t.register(OpCode.REF_IS_NULL, (in, f) -> {
            OperandType operand = f.operands().pop();
            if (!operand.isReference() && operand != OperandType.UNKNOWN) {
                throw ValidationFailure.typeMismatch("ref.is_null expects a reference, found " + operand);
            }
            f.operands().push(OperandType.I32);
        });
        t.register(OpCode.REF_FUNC, (in, f) -> {
            long function = in.operand(0);
            f.module().function(function);
            if (!f.module().isDeclaredReference(function)) {
                // C.refs: a body may only take references to functions the module declares
                // outside of function bodies (in an element segment, an export or a global)
                throw ValidationFailure.invalid("undeclared function reference", "function " + function
                        + " is not referenced by an element segment, export or global initializer");
            }
            f.operands().push(OperandType.FUNCREF);
        });
    }
}
