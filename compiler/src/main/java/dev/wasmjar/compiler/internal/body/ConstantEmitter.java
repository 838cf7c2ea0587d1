package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * Constants: {@code i32.const}, {@code i64.const}, {@code f32.const}, {@code f64.const}, each as
 * the shortest JVM push of the value; NaN floats go through their bits so the payload is exact.
 */
final class ConstantEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.I32_CONST, (m, in) -> {
            m.pushInt((int) in.operand(0));
            m.push(ValueType.I32);
        });
        t.register(OpCode.I64_CONST, (m, in) -> {
            m.pushLong(in.operand(0));
            m.push(ValueType.I64);
        });
        t.register(OpCode.F32_CONST, (m, in) -> {
            pushFloat(m, (int) in.operand(0));
            m.push(ValueType.F32);
        });
        t.register(OpCode.F64_CONST, (m, in) -> {
            pushDouble(m, in.operand(0));
            m.push(ValueType.F64);
        });
    }

    private static void pushFloat(MethodState m, int bits) {
        CodeSink mv = m.mv();
        float f = Float.intBitsToFloat(bits);
        if (f != f) {
            m.pushInt(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else if (bits == 0) {
            mv.visitInsn(FCONST_0);
        } else if (f == 1f) {
            mv.visitInsn(FCONST_1);
        } else if (f == 2f) {
            mv.visitInsn(FCONST_2);
        } else {
            mv.visitLdcInsn(f);
        }
    }

    private static void pushDouble(MethodState m, long bits) {
        CodeSink mv = m.mv();
        double d = Double.longBitsToDouble(bits);
        if (d != d) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (d == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(d);
        }
    }
}
