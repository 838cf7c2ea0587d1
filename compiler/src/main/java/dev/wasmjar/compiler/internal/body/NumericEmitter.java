package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * Integer and float arithmetic: unary and binary operators, as a JVM opcode where its
 * semantics are wasm's, else a call of {@code Math}, {@code Integer}/{@code Long} or the
 * runtime's {@code Ops} (division and remainder traps, float min/max/nearest, ...).
 */
final class NumericEmitter implements EmitterFamily {
    private static final String OPS = BodyEmitter.OPS;

    @Override
    public void register(EmitterTable t) {
        // i32
        unary(t, OpCode.I32_CLZ, ValueType.I32, "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
        unary(t, OpCode.I32_CTZ, ValueType.I32, "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
        unary(t, OpCode.I32_POPCNT, ValueType.I32, "java/lang/Integer", "bitCount", "(I)I");
        binary(t, OpCode.I32_ADD, IADD);
        binary(t, OpCode.I32_SUB, ISUB);
        binary(t, OpCode.I32_MUL, IMUL);
        binary(t, OpCode.I32_DIV_S, OPS, "i32DivS", "(II)I");
        binary(t, OpCode.I32_DIV_U, OPS, "i32DivU", "(II)I");
        binary(t, OpCode.I32_REM_S, IREM);
        binary(t, OpCode.I32_REM_U, OPS, "i32RemU", "(II)I");
        binary(t, OpCode.I32_AND, IAND);
        binary(t, OpCode.I32_OR, IOR);
        binary(t, OpCode.I32_XOR, IXOR);
        binary(t, OpCode.I32_SHL, ISHL);
        binary(t, OpCode.I32_SHR_S, ISHR);
        binary(t, OpCode.I32_SHR_U, IUSHR);
        binary(t, OpCode.I32_ROTL, "java/lang/Integer", "rotateLeft", "(II)I");
        binary(t, OpCode.I32_ROTR, "java/lang/Integer", "rotateRight", "(II)I");

        // i64: the bit counts return an int, shift and rotate counts are ints on the JVM
        widenedUnary(t, OpCode.I64_CLZ, "numberOfLeadingZeros");
        widenedUnary(t, OpCode.I64_CTZ, "numberOfTrailingZeros");
        widenedUnary(t, OpCode.I64_POPCNT, "bitCount");
        binary(t, OpCode.I64_ADD, LADD);
        binary(t, OpCode.I64_SUB, LSUB);
        binary(t, OpCode.I64_MUL, LMUL);
        binary(t, OpCode.I64_DIV_S, OPS, "i64DivS", "(JJ)J");
        binary(t, OpCode.I64_DIV_U, OPS, "i64DivU", "(JJ)J");
        binary(t, OpCode.I64_REM_S, LREM);
        binary(t, OpCode.I64_REM_U, OPS, "i64RemU", "(JJ)J");
        binary(t, OpCode.I64_AND, LAND);
        binary(t, OpCode.I64_OR, LOR);
        binary(t, OpCode.I64_XOR, LXOR);
        shift64(t, OpCode.I64_SHL, LSHL);
        shift64(t, OpCode.I64_SHR_S, LSHR);
        shift64(t, OpCode.I64_SHR_U, LUSHR);
        rotate64(t, OpCode.I64_ROTL, "rotateLeft");
        rotate64(t, OpCode.I64_ROTR, "rotateRight");

        // f32
        unary(t, OpCode.F32_ABS, ValueType.F32, OPS, "f32Abs", "(F)F");
        unary(t, OpCode.F32_NEG, ValueType.F32, OPS, "f32Neg", "(F)F");
        unary(t, OpCode.F32_CEIL, ValueType.F32, OPS, "f32Ceil", "(F)F");
        unary(t, OpCode.F32_FLOOR, ValueType.F32, OPS, "f32Floor", "(F)F");
        unary(t, OpCode.F32_TRUNC, ValueType.F32, OPS, "f32Trunc", "(F)F");
        unary(t, OpCode.F32_NEAREST, ValueType.F32, OPS, "f32Nearest", "(F)F");
        unary(t, OpCode.F32_SQRT, ValueType.F32, OPS, "f32Sqrt", "(F)F");
        binary(t, OpCode.F32_ADD, FADD);
        binary(t, OpCode.F32_SUB, FSUB);
        binary(t, OpCode.F32_MUL, FMUL);
        binary(t, OpCode.F32_DIV, FDIV);
        binary(t, OpCode.F32_MIN, OPS, "f32Min", "(FF)F");
        binary(t, OpCode.F32_MAX, OPS, "f32Max", "(FF)F");
        binary(t, OpCode.F32_COPYSIGN, OPS, "f32Copysign", "(FF)F");

        // f64
        unary(t, OpCode.F64_ABS, ValueType.F64, OPS, "f64Abs", "(D)D");
        unary(t, OpCode.F64_NEG, ValueType.F64, OPS, "f64Neg", "(D)D");
        unary(t, OpCode.F64_CEIL, ValueType.F64, OPS, "f64Ceil", "(D)D");
        unary(t, OpCode.F64_FLOOR, ValueType.F64, OPS, "f64Floor", "(D)D");
        unary(t, OpCode.F64_TRUNC, ValueType.F64, OPS, "f64Trunc", "(D)D");
        unary(t, OpCode.F64_NEAREST, ValueType.F64, OPS, "f64Nearest", "(D)D");
        unary(t, OpCode.F64_SQRT, ValueType.F64, "java/lang/Math", "sqrt", "(D)D");
        binary(t, OpCode.F64_ADD, DADD);
        binary(t, OpCode.F64_SUB, DSUB);
        binary(t, OpCode.F64_MUL, DMUL);
        binary(t, OpCode.F64_DIV, DDIV);
        binary(t, OpCode.F64_MIN, OPS, "f64Min", "(DD)D");
        binary(t, OpCode.F64_MAX, OPS, "f64Max", "(DD)D");
        binary(t, OpCode.F64_COPYSIGN, OPS, "f64Copysign", "(DD)D");
    }

    /** A static method of one operand whose result has type {@code result}. */
    private static void unary(EmitterTable t, OpCode op, ValueType result, String owner, String name, String desc) {
        t.register(op, (m, in) -> {
            m.pop();
            m.mv().visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
            m.push(result);
        });
    }

    /** A {@code Long} bit count, whose int result is widened back to i64. */
    private static void widenedUnary(EmitterTable t, OpCode op, String name) {
        t.register(op, (m, in) -> {
            m.pop();
            m.mv().visitMethodInsn(INVOKESTATIC, "java/lang/Long", name, "(J)I", false);
            m.push(ValueType.I64);
            m.mv().visitInsn(I2L);
        });
    }

    /** A JVM opcode over two operands of one type. */
    private static void binary(EmitterTable t, OpCode op, int opcode) {
        t.register(op, (m, in) -> binary(m, opcode));
    }

    private static void binary(MethodState m, int opcode) {
        m.pop();
        ValueType v = m.pop();
        m.mv().visitInsn(opcode);
        m.push(v);
    }

    /** A static method over two operands, whose result has the first operand's type. */
    private static void binary(EmitterTable t, OpCode op, String owner, String name, String desc) {
        t.register(op, (m, in) -> binaryCall(m, owner, name, desc));
    }

    private static void binaryCall(MethodState m, String owner, String name, String desc) {
        m.pop();
        ValueType v = m.pop();
        m.mv().visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
        m.push(v);
    }

    /** An i64 shift: the JVM takes the count as an int (and, like wasm, uses its low 6 bits). */
    private static void shift64(EmitterTable t, OpCode op, int opcode) {
        t.register(op, (m, in) -> {
            m.mv().visitInsn(L2I);
            binary(m, opcode);
        });
    }

    /** An i64 rotation by {@code Long.rotateLeft/Right}, whose count is an int. */
    private static void rotate64(EmitterTable t, OpCode op, String name) {
        t.register(op, (m, in) -> {
            m.mv().visitInsn(L2I); // the count
            binaryCall(m, "java/lang/Long", name, "(JI)J");
        });
    }
}
