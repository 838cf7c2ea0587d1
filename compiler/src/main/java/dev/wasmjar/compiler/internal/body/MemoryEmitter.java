package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.RuntimeNames.MEMORY;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * Memory instructions: loads and stores (byte-array accesses, wider ones through the little
 * endian {@code VarHandle} views of {@code Memory}), {@code memory.size/grow/fill/copy/init} and
 * {@code data.drop}. The method keeps the memory's array in a variable; {@code memory.grow}
 * reads it again.
 */
final class MemoryEmitter implements EmitterFamily {
    static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    static final String VAR_HANDLE_DESC = "Ljava/lang/invoke/VarHandle;";
    // pseudo conversions of a stored value, besides plain JVM opcodes
    private static final int F2I_BITS = -1;
    private static final int D2L_BITS = -2;
    private static final int L2I_I2S = -3;

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.I32_LOAD, (m, in) -> load(m, in, "INT", "I", ValueType.I32));
        t.register(OpCode.I64_LOAD, (m, in) -> load(m, in, "LONG", "J", ValueType.I64));
        t.register(OpCode.F32_LOAD, (m, in) -> {
            load(m, in, "INT", "I", ValueType.F32);
            m.mv().visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        });
        t.register(OpCode.F64_LOAD, (m, in) -> {
            load(m, in, "LONG", "J", ValueType.F64);
            m.mv().visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        });
        t.register(OpCode.I32_LOAD8_S, (m, in) -> loadByte(m, in, ValueType.I32));
        t.register(OpCode.I32_LOAD8_U, (m, in) -> {
            loadByte(m, in, ValueType.I32);
            zeroExtend(m, 0xFF, false);
        });
        t.register(OpCode.I32_LOAD16_S, (m, in) -> load(m, in, "SHORT", "S", ValueType.I32));
        t.register(OpCode.I32_LOAD16_U, (m, in) -> {
            load(m, in, "SHORT", "S", ValueType.I32);
            zeroExtend(m, 0xFFFF, false);
        });
        t.register(OpCode.I64_LOAD8_S, (m, in) -> {
            loadByte(m, in, ValueType.I64);
            m.mv().visitInsn(I2L);
        });
        t.register(OpCode.I64_LOAD8_U, (m, in) -> {
            loadByte(m, in, ValueType.I64);
            zeroExtend(m, 0xFF, true);
        });
        t.register(OpCode.I64_LOAD16_S, (m, in) -> {
            load(m, in, "SHORT", "S", ValueType.I64);
            m.mv().visitInsn(I2L);
        });
        t.register(OpCode.I64_LOAD16_U, (m, in) -> {
            load(m, in, "SHORT", "S", ValueType.I64);
            zeroExtend(m, 0xFFFF, true);
        });
        t.register(OpCode.I64_LOAD32_S, (m, in) -> {
            load(m, in, "INT", "I", ValueType.I64);
            m.mv().visitInsn(I2L);
        });
        t.register(OpCode.I64_LOAD32_U, (m, in) -> {
            load(m, in, "INT", "I", ValueType.I64);
            m.mv().visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
        });
        t.register(OpCode.I32_STORE, (m, in) -> store(m, in, "INT", "I", 0));
        t.register(OpCode.I64_STORE, (m, in) -> store(m, in, "LONG", "J", 0));
        t.register(OpCode.F32_STORE, (m, in) -> store(m, in, "INT", "I", F2I_BITS));
        t.register(OpCode.F64_STORE, (m, in) -> store(m, in, "LONG", "J", D2L_BITS));
        t.register(OpCode.I32_STORE8, (m, in) -> store(m, in, null, null, 0));
        t.register(OpCode.I32_STORE16, (m, in) -> store(m, in, "SHORT", "S", I2S));
        t.register(OpCode.I64_STORE8, (m, in) -> store(m, in, null, null, L2I));
        t.register(OpCode.I64_STORE16, (m, in) -> store(m, in, "SHORT", "S", L2I_I2S));
        t.register(OpCode.I64_STORE32, (m, in) -> store(m, in, "INT", "I", L2I));
        t.register(OpCode.MEMORY_SIZE, (m, in) -> {
            m.loadMemoryBytes();
            m.mv().visitInsn(ARRAYLENGTH);
            m.pushInt(16);
            m.mv().visitInsn(IUSHR);
            m.push(ValueType.I32);
        });
        t.register(OpCode.MEMORY_GROW, (m, in) -> {
            m.pop();
            m.loadInstance();
            m.ctx().emitMemory(m.mv());
            ops(m, "memoryGrow", "(IL" + MEMORY + ";)I");
            m.reloadMemory();
            m.push(ValueType.I32);
        });
        t.register(OpCode.MEMORY_FILL, (m, in) -> {
            popThree(m);
            m.loadMemoryBytes();
            ops(m, "memoryFill", "(III[B)V");
        });
        t.register(OpCode.MEMORY_COPY, (m, in) -> {
            popThree(m);
            m.loadMemoryBytes();
            ops(m, "memoryCopy", "(III[B)V");
        });
        t.register(OpCode.MEMORY_INIT, (m, in) -> {
            popThree(m);
            m.loadInstance();
            m.ctx().emitDataSegment(m.mv(), (int) in.operand(0));
            m.loadMemoryBytes();
            ops(m, "memoryInit", "(III[B[B)V");
        });
        t.register(OpCode.DATA_DROP, (m, in) -> {
            m.loadInstance();
            m.ctx().emitDataDrop(m.mv(), (int) in.operand(0));
        });
    }

    private static void ops(MethodState m, String name, String desc) {
        m.mv().visitMethodInsn(INVOKESTATIC, BodyEmitter.OPS, name, desc, false);
    }

    private static void popThree(MethodState m) {
        m.pop();
        m.pop();
        m.pop();
    }

    /** Masks the loaded int to its low bits, widening it to a long if {@code toLong}. */
    private static void zeroExtend(MethodState m, int mask, boolean toLong) {
        m.pushInt(mask);
        m.mv().visitInsn(IAND);
        if (toLong) {
            m.mv().visitInsn(I2L);
        }
    }

    /**
     * Turns the i32 address on the stack into the array index of the access: the address
     * itself when the offset is 0; {@code (addr + offset) | (addr >> 31)} for offsets below
     * 2^31, which is negative (so the access throws) whenever the 33-bit effective address
     * exceeds 2^31 - 1, beyond the largest JVM array; and -1 for larger offsets.
     */
    static void effectiveAddress(MethodState m, AnnotatedInstruction in) {
        long offset = in.operand(1);
        if (offset == 0) {
            return;
        }
        CodeSink mv = m.mv();
        if (offset < 0x8000_0000L) {
            mv.visitInsn(DUP);
            m.pushInt(31);
            mv.visitInsn(ISHR);
            mv.visitInsn(SWAP);
            m.pushInt((int) offset);
            mv.visitInsn(IADD);
            mv.visitInsn(IOR);
        } else {
            mv.visitInsn(POP);
            mv.visitInsn(ICONST_M1);
        }
    }

    /** A load through little-endian view {@code view} (a Memory field) of JVM type {@code jvm}. */
    private static void load(MethodState m, AnnotatedInstruction in, String view, String jvm, ValueType result) {
        loadRaw(m, in, view, jvm);
        m.push(result);
    }

    private static void loadByte(MethodState m, AnnotatedInstruction in, ValueType result) {
        loadRaw(m, in, null, null);
        m.push(result);
    }

    /**
     * Pops the address and leaves, on the JVM stack only, the value at its effective address
     * read through view {@code view} of JVM type {@code jvm} ({@code null}: a signed byte).
     */
    static void loadRaw(MethodState m, AnnotatedInstruction in, String view, String jvm) {
        CodeSink mv = m.mv();
        m.pop();
        effectiveAddress(m, in);
        if (view == null) {
            m.loadMemoryBytes();
            mv.visitInsn(SWAP);
            mv.visitInsn(BALOAD);
            return;
        }
        mv.visitFieldInsn(GETSTATIC, MEMORY, view, VAR_HANDLE_DESC);
        mv.visitInsn(SWAP);
        m.loadMemoryBytes();
        mv.visitInsn(SWAP);
        mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "get", "([BI)" + jvm, false);
    }

    /**
     * A store of the value on top through view {@code view} ({@code null}: a byte), after
     * converting it with {@code conv} (a JVM opcode or one of the pseudo conversions above).
     * The value waits in a temporary while the address is computed below it.
     */
    private static void store(MethodState m, AnnotatedInstruction in, String view, String jvm, int conv) {
        CodeSink mv = m.mv();
        m.pop();
        m.pop();
        switch (conv) {
            case 0:
                break;
            case F2I_BITS:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                break;
            case D2L_BITS:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            case L2I_I2S:
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                break;
            default:
                mv.visitInsn(conv);
                break;
        }
        boolean wide = "J".equals(jvm);
        ValueType vt = wide ? ValueType.I64 : ValueType.I32;
        int mark = m.tempMark();
        int value = m.newTemp(vt);
        mv.visitVarInsn(wide ? LSTORE : ISTORE, value);
        effectiveAddress(m, in);
        if (view == null) {
            m.loadMemoryBytes();
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ILOAD, value);
            mv.visitInsn(BASTORE);
        } else {
            mv.visitFieldInsn(GETSTATIC, MEMORY, view, VAR_HANDLE_DESC);
            mv.visitInsn(SWAP);
            m.loadMemoryBytes();
            mv.visitInsn(SWAP);
            mv.visitVarInsn(wide ? LLOAD : ILOAD, value);
            mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BI" + jvm + ")V", false);
        }
        m.releaseTemps(mark);
    }
}
