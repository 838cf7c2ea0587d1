package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * Conversions: wrap and extend, float to integer truncation (trapping, and saturating),
 * integer to float conversion, demote and promote, reinterpretations, and the sign-extension
 * operators.
 */
final class ConversionEmitter implements EmitterFamily {
    private static final String OPS = BodyEmitter.OPS;

    @Override
    public void register(EmitterTable t) {
        convert(t, OpCode.I32_WRAP_I64, L2I, ValueType.I32);
        convert(t, OpCode.I32_TRUNC_F32_S, OPS, "i32TruncF32S", "(F)I", ValueType.I32);
        convert(t, OpCode.I32_TRUNC_F32_U, OPS, "i32TruncF32U", "(F)I", ValueType.I32);
        convert(t, OpCode.I32_TRUNC_F64_S, OPS, "i32TruncF64S", "(D)I", ValueType.I32);
        convert(t, OpCode.I32_TRUNC_F64_U, OPS, "i32TruncF64U", "(D)I", ValueType.I32);
        convert(t, OpCode.I64_EXTEND_I32_S, I2L, ValueType.I64);
        convert(t, OpCode.I64_EXTEND_I32_U, "java/lang/Integer", "toUnsignedLong", "(I)J", ValueType.I64);
        convert(t, OpCode.I64_TRUNC_F32_S, OPS, "i64TruncF32S", "(F)J", ValueType.I64);
        convert(t, OpCode.I64_TRUNC_F32_U, OPS, "i64TruncF32U", "(F)J", ValueType.I64);
        convert(t, OpCode.I64_TRUNC_F64_S, OPS, "i64TruncF64S", "(D)J", ValueType.I64);
        convert(t, OpCode.I64_TRUNC_F64_U, OPS, "i64TruncF64U", "(D)J", ValueType.I64);
        convert(t, OpCode.F32_CONVERT_I32_S, I2F, ValueType.F32);
        fromUnsignedInt(t, OpCode.F32_CONVERT_I32_U, L2F, ValueType.F32);
        convert(t, OpCode.F32_CONVERT_I64_S, L2F, ValueType.F32);
        convert(t, OpCode.F32_CONVERT_I64_U, OPS, "f32ConvertI64U", "(J)F", ValueType.F32);
        convert(t, OpCode.F32_DEMOTE_F64, D2F, ValueType.F32);
        convert(t, OpCode.F64_CONVERT_I32_S, I2D, ValueType.F64);
        fromUnsignedInt(t, OpCode.F64_CONVERT_I32_U, L2D, ValueType.F64);
        convert(t, OpCode.F64_CONVERT_I64_S, L2D, ValueType.F64);
        convert(t, OpCode.F64_CONVERT_I64_U, OPS, "f64ConvertI64U", "(J)D", ValueType.F64);
        convert(t, OpCode.F64_PROMOTE_F32, F2D, ValueType.F64);
        convert(t, OpCode.I32_REINTERPRET_F32, "java/lang/Float", "floatToRawIntBits", "(F)I", ValueType.I32);
        convert(t, OpCode.I64_REINTERPRET_F64, "java/lang/Double", "doubleToRawLongBits", "(D)J", ValueType.I64);
        convert(t, OpCode.F32_REINTERPRET_I32, "java/lang/Float", "intBitsToFloat", "(I)F", ValueType.F32);
        convert(t, OpCode.F64_REINTERPRET_I64, "java/lang/Double", "longBitsToDouble", "(J)D", ValueType.F64);
        inPlace(t, OpCode.I32_EXTEND_8_S, I2B);
        inPlace(t, OpCode.I32_EXTEND_16_S, I2S);
        inPlace(t, OpCode.I64_EXTEND_8_S, L2I, I2B, I2L);
        inPlace(t, OpCode.I64_EXTEND_16_S, L2I, I2S, I2L);
        inPlace(t, OpCode.I64_EXTEND_32_S, L2I, I2L);
        // The JVM's f2i/d2i/f2l/d2l saturate and map NaN to 0: exactly trunc_sat_s.
        convert(t, OpCode.I32_TRUNC_SAT_F32_S, F2I, ValueType.I32);
        convert(t, OpCode.I32_TRUNC_SAT_F64_S, D2I, ValueType.I32);
        convert(t, OpCode.I64_TRUNC_SAT_F32_S, F2L, ValueType.I64);
        convert(t, OpCode.I64_TRUNC_SAT_F64_S, D2L, ValueType.I64);
        convert(t, OpCode.I32_TRUNC_SAT_F32_U, OPS, "i32TruncSatF32U", "(F)I", ValueType.I32);
        convert(t, OpCode.I32_TRUNC_SAT_F64_U, OPS, "i32TruncSatF64U", "(D)I", ValueType.I32);
        convert(t, OpCode.I64_TRUNC_SAT_F32_U, OPS, "i64TruncSatF32U", "(F)J", ValueType.I64);
        convert(t, OpCode.I64_TRUNC_SAT_F64_U, OPS, "i64TruncSatF64U", "(D)J", ValueType.I64);
    }

    /** A JVM conversion opcode. */
    private static void convert(EmitterTable t, OpCode op, int opcode, ValueType to) {
        t.register(op, (m, in) -> {
            m.pop();
            m.mv().visitInsn(opcode);
            m.push(to);
        });
    }

    /** A static conversion method. */
    private static void convert(EmitterTable t, OpCode op, String owner, String name, String desc, ValueType to) {
        t.register(op, (m, in) -> {
            m.pop();
            m.mv().visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
            m.push(to);
        });
    }

    /** An unsigned i32 to float: exact as the long it zero-extends to, then {@code opcode} (l2f, l2d). */
    private static void fromUnsignedInt(EmitterTable t, OpCode op, int opcode, ValueType to) {
        t.register(op, (m, in) -> {
            m.mv().visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
            m.pop();
            m.mv().visitInsn(opcode);
            m.push(to);
        });
    }

    /** Opcodes applied to the top value, which keeps its type. */
    private static void inPlace(EmitterTable t, OpCode op, int... opcodes) {
        t.register(op, (m, in) -> {
            ValueType v = m.pop();
            for (int o : opcodes) {
                m.mv().visitInsn(o);
            }
            m.push(v);
        });
    }
}
