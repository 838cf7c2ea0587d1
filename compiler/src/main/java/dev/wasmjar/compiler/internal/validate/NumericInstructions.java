package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.OpCode;

/**
 * Numeric instructions: constants, and the unary, binary, test, comparison and conversion
 * operators of i32, i64, f32 and f64 (including sign extension and the saturating truncations).
 * Their rules are fixed signatures; the binary encoding groups opcodes of equal signature into
 * ranges, which is how they are registered here.
 */
final class NumericInstructions implements InstructionFamily {
    private static final OperandType I32 = OperandType.I32;
    private static final OperandType I64 = OperandType.I64;
    private static final OperandType F32 = OperandType.F32;
    private static final OperandType F64 = OperandType.F64;

    @Override
    public void register(InstructionTable t) {
        t.register(OpCode.I32_CONST, Signature.producing(I32));
        t.register(OpCode.I64_CONST, Signature.producing(I64));
        t.register(OpCode.F32_CONST, Signature.producing(F32));
        t.register(OpCode.F64_CONST, Signature.producing(F64));

        t.registerRange(0x45, 0x45, unary(I32, I32));   // i32.eqz
        t.registerRange(0x46, 0x4F, binary(I32, I32));  // i32 comparisons
        t.registerRange(0x50, 0x50, unary(I64, I32));   // i64.eqz
        t.registerRange(0x51, 0x5A, binary(I64, I32));  // i64 comparisons
        t.registerRange(0x5B, 0x60, binary(F32, I32));  // f32 comparisons
        t.registerRange(0x61, 0x66, binary(F64, I32));  // f64 comparisons
        t.registerRange(0x67, 0x69, unary(I32, I32));   // i32.clz, ctz, popcnt
        t.registerRange(0x6A, 0x78, binary(I32, I32));  // i32 arithmetic, bitwise, shifts
        t.registerRange(0x79, 0x7B, unary(I64, I64));   // i64.clz, ctz, popcnt
        t.registerRange(0x7C, 0x8A, binary(I64, I64));  // i64 arithmetic, bitwise, shifts
        t.registerRange(0x8B, 0x91, unary(F32, F32));   // f32.abs .. sqrt
        t.registerRange(0x92, 0x98, binary(F32, F32));  // f32.add .. copysign
        t.registerRange(0x99, 0x9F, unary(F64, F64));   // f64.abs .. sqrt
        t.registerRange(0xA0, 0xA6, binary(F64, F64));  // f64.add .. copysign

        t.registerRange(0xA7, 0xA7, unary(I64, I32));   // i32.wrap_i64
        t.registerRange(0xA8, 0xA9, unary(F32, I32));   // i32.trunc_f32_s/u
        t.registerRange(0xAA, 0xAB, unary(F64, I32));   // i32.trunc_f64_s/u
        t.registerRange(0xAC, 0xAD, unary(I32, I64));   // i64.extend_i32_s/u
        t.registerRange(0xAE, 0xAF, unary(F32, I64));   // i64.trunc_f32_s/u
        t.registerRange(0xB0, 0xB1, unary(F64, I64));   // i64.trunc_f64_s/u
        t.registerRange(0xB2, 0xB3, unary(I32, F32));   // f32.convert_i32_s/u
        t.registerRange(0xB4, 0xB5, unary(I64, F32));   // f32.convert_i64_s/u
        t.registerRange(0xB6, 0xB6, unary(F64, F32));   // f32.demote_f64
        t.registerRange(0xB7, 0xB8, unary(I32, F64));   // f64.convert_i32_s/u
        t.registerRange(0xB9, 0xBA, unary(I64, F64));   // f64.convert_i64_s/u
        t.registerRange(0xBB, 0xBB, unary(F32, F64));   // f64.promote_f32
        t.registerRange(0xBC, 0xBC, unary(F32, I32));   // i32.reinterpret_f32
        t.registerRange(0xBD, 0xBD, unary(F64, I64));   // i64.reinterpret_f64
        t.registerRange(0xBE, 0xBE, unary(I32, F32));   // f32.reinterpret_i32
        t.registerRange(0xBF, 0xBF, unary(I64, F64));   // f64.reinterpret_i64
        t.registerRange(0xC0, 0xC1, unary(I32, I32));   // i32.extend8_s, extend16_s
        t.registerRange(0xC2, 0xC4, unary(I64, I64));   // i64.extend8_s, extend16_s, extend32_s

        t.registerRange(0xFC00, 0xFC01, unary(F32, I32)); // i32.trunc_sat_f32_s/u
        t.registerRange(0xFC02, 0xFC03, unary(F64, I32)); // i32.trunc_sat_f64_s/u
        t.registerRange(0xFC04, 0xFC05, unary(F32, I64)); // i64.trunc_sat_f32_s/u
        t.registerRange(0xFC06, 0xFC07, unary(F64, I64)); // i64.trunc_sat_f64_s/u
    }

    private static Signature unary(OperandType operand, OperandType result) {
        return Signature.of(operand, null, result);
    }

    private static Signature binary(OperandType operands, OperandType result) {
        return Signature.of(operands, operands, result);
    }
}
