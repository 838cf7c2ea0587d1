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
}
