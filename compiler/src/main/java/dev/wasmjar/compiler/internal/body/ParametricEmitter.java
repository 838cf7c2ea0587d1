package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;
import org.objectweb.asm.Label;

/** Parametric instructions: {@code drop} and {@code select} (untyped and typed alike). */
final class ParametricEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.DROP, (m, in) -> {
            ValueType v = m.pop();
            m.mv().visitInsn(WasmTypes.slots(v) == 2 ? POP2 : POP);
            if (v == ValueType.V128) {
                m.pop(); // and the vector's low half
                m.mv().visitInsn(POP2);
            }
        });
        t.register(OpCode.SELECT, (m, in) -> select(m));
        t.register(OpCode.SELECT_T, (m, in) -> select(m));
    }

    /**
     * select: {@code cond ? a : b}, by jumping over the code that drops {@code a}. A frame is
     * needed at both joins, which we know exactly.
     */
    private static void select(MethodState m) {
        CodeSink mv = m.mv();
        m.pop(); // condition
        ValueType t = m.pop();
        if (t == ValueType.V128) {
            selectVector(m);
            return;
        }
        m.pop();
        boolean wide = WasmTypes.slots(t) == 2;
        Label pickA = new Label();
        Label done = new Label();
        m.push(t);
        m.push(t);
        StackNode both = m.stack();
        mv.visitJumpInsn(IFNE, pickA);
        if (wide) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(pickA);
        m.frame(both);
        mv.visitInsn(wide ? POP2 : POP);
        mv.visitLabel(done);
        m.pop();
        m.frame(m.stack());
    }

    /**
     * select of two vectors (the condition already popped from the tracked stack), without a
     * branch: temporaries cannot live across a stack map frame, and four JVM stack slots cannot
     * be dropped from below. With {@code mask} all ones when the condition is not zero, each half
     * is {@code b ^ ((a ^ b) & mask)}.
     */
    private static void selectVector(MethodState m) {
        CodeSink mv = m.mv();
        m.pop();
        m.pop();
        m.pop();
        int mark = m.tempMark();
        int mask = m.newTemp(ValueType.I64);
        int halves = m.newTemp(ValueType.I64);
        for (int i = 1; i < 4; i++) {
            m.newTemp(ValueType.I64);
        }
        // (c | -c) >> 31 is -1 for every c but 0
        mv.visitInsn(DUP);
        mv.visitInsn(INEG);
        mv.visitInsn(IOR);
        m.pushInt(31);
        mv.visitInsn(ISHR);
        mv.visitInsn(I2L);
        mv.visitVarInsn(LSTORE, mask);
        for (int i = 3; i >= 0; i--) {
            mv.visitVarInsn(LSTORE, halves + 2 * i);
        }
        for (int half = 0; half < 2; half++) {
            int a = halves + 2 * half;
            int b = halves + 4 + 2 * half;
            mv.visitVarInsn(LLOAD, b);
            mv.visitVarInsn(LLOAD, a);
            mv.visitVarInsn(LLOAD, b);
            mv.visitInsn(LXOR);
            mv.visitVarInsn(LLOAD, mask);
            mv.visitInsn(LAND);
            mv.visitInsn(LXOR);
        }
        m.push(ValueType.I64);
        m.push(ValueType.V128);
        m.releaseTemps(mark);
    }
}
