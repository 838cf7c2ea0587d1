package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * What the vector emitters share: a {@code v128} is two longs (see {@link Types}), and a lane
 * operation computes each result half from input halves. The shapes here say which halves go
 * to the code of one half ({@link Half}: an inline bytecode sequence or a call of a static lane
 * helper of the runtime, {@code dev.wasmjar.runtime.internal.simd}). Operands go to
 * temporaries first: the JIT keeps them in registers, and no long ever needs to be swapped
 * from under another on the JVM stack.
 */
final class VectorCode {
    static final String INT_LANES = "dev/wasmjar/runtime/internal/simd/IntLanes";
    static final String FLOAT_LANES = "dev/wasmjar/runtime/internal/simd/FloatLanes";
    static final String VECTORS = "dev/wasmjar/runtime/internal/simd/Vectors";

    private VectorCode() {
    }

    /** Emits the code of one result half; its input halves (longs, or a long and an int count) are on the stack. */
    @FunctionalInterface
    interface Half {
        void emit(CodeSink mv);
    }

    /** A call of static lane helper {@code owner.name} with descriptor {@code desc}. */
    static Half call(String owner, String name, String desc) {
        return mv -> mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
    }

    /** A helper of one half: {@code (J)J}. */
    static Half unary(String owner, String name) {
        return call(owner, name, "(J)J");
    }

    /** A helper of two halves: {@code (JJ)J}. */
    static Half binary(String owner, String name) {
        return call(owner, name, "(JJ)J");
    }

    /** A single JVM instruction on longs (e.g. {@code LADD}). */
    static Half insn(int opcode) {
        return mv -> mv.visitInsn(opcode);
    }

    /** The sub-opcode's Chicory opcode ({@code 0xFD} prefix). */
    static OpCode op(int subOpcode) {
        return OpCode.byOpCode(0xFD00 + subOpcode);
    }

    // ---- the tracked stack ----------------------------------------------------------------------

    /** Pops a vector (tracked and JVM stack) into two new long temporaries; returns the low half's (the high half's is +2). */
    static int popVector(MethodState m) {
        int lanes = m.takeLanes();
        if (lanes >= 0) {
            int lo = m.newTemp(ValueType.I64);
            m.newTemp(ValueType.I64);
            VectorLanes.emitPack(m.mv(), lanes);
            m.mv().visitVarInsn(LSTORE, lo + 2);
            m.mv().visitVarInsn(LSTORE, lo);
            m.freeLanes(lanes >> 1);
            return lo;
        }
        m.pop();
        m.pop();
        int lo = m.newTemp(ValueType.I64);
        m.newTemp(ValueType.I64);
        m.mv().visitVarInsn(LSTORE, lo + 2);
        m.mv().visitVarInsn(LSTORE, lo);
        return lo;
    }

    /** A lane-form vector on top of the tracked stack goes onto the JVM stack as its two halves. */
    static void materializeTop(MethodState m) {
        int lanes = m.takeLanes();
        if (lanes >= 0) {
            VectorLanes.emitPack(m.mv(), lanes);
            m.freeLanes(lanes >> 1);
            pushVector(m);
        }
    }

    /** Records the two halves just emitted as one vector on the tracked stack. */
    static void pushVector(MethodState m) {
        m.push(ValueType.I64);
        m.push(ValueType.V128);
    }

    // ---- shapes -------------------------------------------------------------------------------

    /** lo = f(a.lo); hi = f(a.hi). */
    static void halfUnary(MethodState m, Half f) {
        int mark = m.tempMark();
        int a = popVector(m);
        CodeSink mv = m.mv();
        mv.visitVarInsn(LLOAD, a);
        f.emit(mv);
        mv.visitVarInsn(LLOAD, a + 2);
        f.emit(mv);
        pushVector(m);
        m.releaseTemps(mark);
    }

    /** lo = f(a.lo, b.lo); hi = f(a.hi, b.hi). */
    static void halfBinary(MethodState m, Half f) {
        int mark = m.tempMark();
        int b = popVector(m);
        int a = popVector(m);
        CodeSink mv = m.mv();
        for (int h = 0; h <= 2; h += 2) {
            mv.visitVarInsn(LLOAD, a + h);
            mv.visitVarInsn(LLOAD, b + h);
            f.emit(mv);
        }
        pushVector(m);
        m.releaseTemps(mark);
    }

    /** lo = f(a.lo, n); hi = f(a.hi, n), with i32 {@code n} on top. */
    static void halfShift(MethodState m, Half f) {
        int mark = m.tempMark();
        m.pop();
        int n = m.newTemp(ValueType.I32);
        m.mv().visitVarInsn(ISTORE, n);
        int a = popVector(m);
        CodeSink mv = m.mv();
        for (int h = 0; h <= 2; h += 2) {
            mv.visitVarInsn(LLOAD, a + h);
            mv.visitVarInsn(ILOAD, n);
            f.emit(mv);
        }
        pushVector(m);
        m.releaseTemps(mark);
    }

    /** lo = low(s); hi = high(s) with s = a.lo, or a.hi if {@code high}: the widening operations of one half. */
    static void widenUnary(MethodState m, boolean high, Half low, Half highHalf) {
        int mark = m.tempMark();
        int a = popVector(m) + (high ? 2 : 0);
        CodeSink mv = m.mv();
        mv.visitVarInsn(LLOAD, a);
        low.emit(mv);
        mv.visitVarInsn(LLOAD, a);
        highHalf.emit(mv);
        pushVector(m);
        m.releaseTemps(mark);
    }

    /** Like {@link #widenUnary} with two operands: lo = low(a.s, b.s); hi = high(a.s, b.s). */
    static void widenBinary(MethodState m, boolean high, Half low, Half highHalf) {
        int mark = m.tempMark();
        int b = popVector(m) + (high ? 2 : 0);
        int a = popVector(m) + (high ? 2 : 0);
        CodeSink mv = m.mv();
        mv.visitVarInsn(LLOAD, a);
        mv.visitVarInsn(LLOAD, b);
        low.emit(mv);
        mv.visitVarInsn(LLOAD, a);
        mv.visitVarInsn(LLOAD, b);
        highHalf.emit(mv);
        pushVector(m);
        m.releaseTemps(mark);
    }

    /** lo = f(a.lo, a.hi); hi = f(b.lo, b.hi) (narrowing two vectors into one), or 0 if {@code zero}, with one operand. */
    static void narrow(MethodState m, boolean zero, Half f) {
        int mark = m.tempMark();
        int b = zero ? -1 : popVector(m);
        int a = popVector(m);
        CodeSink mv = m.mv();
        mv.visitVarInsn(LLOAD, a);
        mv.visitVarInsn(LLOAD, a + 2);
        f.emit(mv);
        if (zero) {
            mv.visitInsn(LCONST_0);
        } else {
            mv.visitVarInsn(LLOAD, b);
            mv.visitVarInsn(LLOAD, b + 2);
            f.emit(mv);
        }
        pushVector(m);
        m.releaseTemps(mark);
    }

    /** An i32 from both halves, {@code f: (JJ)I} (bitmask, all_true): the halves are already in place. */
    static void reduce(MethodState m, Half f) {
        materializeTop(m);
        m.pop();
        m.pop();
        f.emit(m.mv());
        m.push(ValueType.I32);
    }

    /**
     * Pushes the halves of the vector in temporaries {@code v} (low) and {@code v + 2} (high)
     * with lane {@code lane} of {@code bits} bits replaced by the low bits of the long in
     * temporary {@code x}; does not touch the tracked stack.
     */
    static void withLane(MethodState m, int v, int x, int lane, int bits) {
        CodeSink mv = m.mv();
        int perHalf = 64 / bits;
        int target = v + (lane < perHalf ? 0 : 2);
        int shift = (lane % perHalf) * bits;
        long mask = bits == 64 ? -1L : ((1L << bits) - 1) << shift;
        for (int h = v; h <= v + 2; h += 2) {
            if (h != target) {
                mv.visitVarInsn(LLOAD, h);
            } else if (bits == 64) {
                mv.visitVarInsn(LLOAD, x);
            } else {
                mv.visitVarInsn(LLOAD, h);
                m.pushLong(~mask);
                mv.visitInsn(LAND);
                mv.visitVarInsn(LLOAD, x);
                if (shift != 0) {
                    m.pushInt(shift);
                    mv.visitInsn(LSHL);
                }
                m.pushLong(mask);
                mv.visitInsn(LAND);
                mv.visitInsn(LOR);
            }
        }
    }
}
