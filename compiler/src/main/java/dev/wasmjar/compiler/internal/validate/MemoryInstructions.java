package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Memory instructions: loads and stores, {@code memory.size/grow/fill/copy/init} and
 * {@code data.drop}. Chicory's memory argument operands are the alignment exponent, the
 * offset and the memory index.
 */
final class MemoryInstructions implements InstructionFamily {
    private static final OperandType I32 = OperandType.I32;
    private static final OperandType I64 = OperandType.I64;
    private static final OperandType F32 = OperandType.F32;
    private static final OperandType F64 = OperandType.F64;

    @Override
    public void register(InstructionTable t) {
        // opcode 0x28 + i: result type and log2 of the natural alignment (the access width)
        OperandType[] loadTypes = {I32, I64, F32, F64, I32, I32, I32, I32, I64, I64, I64, I64, I64, I64};
        int[] loadWidths = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2};
        for (int i = 0; i < loadTypes.length; i++) {
            t.register(InstructionTable.opcode(0x28 + i), access(loadWidths[i], Signature.of(I32, null, loadTypes[i])));
        }
        // opcode 0x36 + i: stored type and log2 of the access width
        OperandType[] storeTypes = {I32, I64, F32, F64, I32, I32, I64, I64, I64};
        int[] storeWidths = {2, 3, 2, 3, 0, 1, 0, 1, 2};
        for (int i = 0; i < storeTypes.length; i++) {
            t.register(InstructionTable.opcode(0x36 + i), access(storeWidths[i], Signature.of(I32, storeTypes[i], null)));
        }
        t.register(OpCode.MEMORY_SIZE, withMemory(0, Signature.of(null, null, I32)));
        t.register(OpCode.MEMORY_GROW, withMemory(0, Signature.of(I32, null, I32)));
        t.register(OpCode.MEMORY_FILL, withMemory(0, Signature.THREE_I32));
        t.register(OpCode.MEMORY_COPY, (in, f) -> {
            f.module().memory(in.operand(0));
            f.module().memory(in.operand(1));
            Signature.THREE_I32.apply(f.operands());
        });
        t.register(OpCode.MEMORY_INIT, (in, f) -> {
            f.module().memory(in.operand(1));
            f.module().data(in.operand(0));
            Signature.THREE_I32.apply(f.operands());
        });
        t.register(OpCode.DATA_DROP, (in, f) -> f.module().data(in.operand(0)));
    }

    /** A load or store of {@code 2^widthLog2} bytes with the given stack effect. */
    static InstructionRule access(int widthLog2, Signature effect) {
        return (in, f) -> {
            checkAlignment(in, widthLog2);
            f.module().memory(in.operand(2));
            effect.apply(f.operands());
        };
    }

    /** The alignment hint may not exceed the natural alignment (the access width). */
    static void checkAlignment(Instruction in, int widthLog2) {
        long align = in.operand(0);
        if (align > widthLog2) {
            throw ValidationFailure.invalid("alignment must not be larger than natural", "2^" + align + " > " + (1 << widthLog2));
        }
    }

    /** An instruction on the memory its operand {@code operand} names, with the given stack effect. */
    private static InstructionRule withMemory(int operand, Signature effect) {
        return (in, f) -> {
            f.module().memory(in.operand(operand));
            effect.apply(f.operands());
        };
    }
}
