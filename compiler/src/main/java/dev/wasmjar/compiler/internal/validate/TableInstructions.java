package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Table instructions: {@code table.get/set/size/grow/fill/copy/init} and {@code elem.drop}.
 * Chicory's operands: {@code table.copy} has the destination then the source table,
 * {@code table.init} the element segment then the table.
 */
final class TableInstructions implements InstructionFamily {
    private static final OperandType I32 = OperandType.I32;

    @Override
    public void register(InstructionTable t) {
        t.register(OpCode.TABLE_GET, (in, f) -> {
            OperandType type = f.module().table(in.operand(0));
            f.operands().pop(I32);
            f.operands().push(type);
        });
        t.register(OpCode.TABLE_SET, (in, f) -> {
            OperandType type = f.module().table(in.operand(0));
            f.operands().pop(type);
            f.operands().pop(I32);
        });
        t.register(OpCode.TABLE_SIZE, (in, f) -> {
            f.module().table(in.operand(0));
            f.operands().push(I32);
        });
        t.register(OpCode.TABLE_GROW, (in, f) -> {
            OperandType type = f.module().table(in.operand(0));
            f.operands().pop(I32);
            f.operands().pop(type);
            f.operands().push(I32);
        });
        t.register(OpCode.TABLE_FILL, (in, f) -> {
            OperandType type = f.module().table(in.operand(0));
            f.operands().pop(I32);
            f.operands().pop(type);
            f.operands().pop(I32);
        });
        t.register(OpCode.TABLE_COPY, (in, f) -> {
            OperandType destination = f.module().table(in.operand(0));
            OperandType source = f.module().table(in.operand(1));
            if (destination != source) {
                throw ValidationFailure.typeMismatch("table.copy from a table of " + source + " to one of " + destination);
            }
            Signature.THREE_I32.apply(f.operands());
        });
        t.register(OpCode.TABLE_INIT, (in, f) -> {
            OperandType table = f.module().table(in.operand(1));
            OperandType segment = f.module().element(in.operand(0));
            if (table != segment) {
                throw ValidationFailure.typeMismatch("table.init of a table of " + table + " from a segment of " + segment);
            }
            Signature.THREE_I32.apply(f.operands());
        });
        t.register(OpCode.ELEM_DROP, (in, f) -> f.module().element(in.operand(0)));
    }
}
