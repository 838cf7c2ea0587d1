package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.runtime.ValueType;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Moves arguments and results between compiled code's calling convention and method handles'
 * where they differ: only in {@code v128}s, which compiled code passes as two longs (see
 * {@link WasmTypes#lowered}) and handles as one {@code V128}. For types without vectors every
 * method here emits exactly the plain loads, and no conversion.
 */
final class VectorBoundary {
    private static final String VECTORS = "dev/wasmjar/runtime/internal/simd/Vectors";

    private VectorBoundary() {
    }

    /** Pushes the parameters held in lowered form from {@code firstSlot}, each as a method handle takes it. */
    static void loadLoweredAsPublic(MethodVisitor mv, FunctionType t, int firstSlot) {
        int slot = firstSlot;
        for (ValType p : t.params()) {
            ValueType v = WasmTypes.valueType(p);
            if (v == ValueType.V128) {
                mv.visitVarInsn(Opcodes.LLOAD, slot);
                mv.visitVarInsn(Opcodes.LLOAD, slot + 2);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RuntimeNames.V128, "of", "(JJ)" + RuntimeNames.V128_DESC, false);
                slot += 4;
            } else {
                mv.visitVarInsn(Bytecode.loadOpcode(v.descriptor()), slot);
                slot += WasmTypes.slots(v);
            }
        }
    }

    /** Pushes the parameters held as a method handle takes them from {@code firstSlot}, lowered. */
    static void loadPublicAsLowered(MethodVisitor mv, FunctionType t, int firstSlot) {
        int slot = firstSlot;
        for (ValType p : t.params()) {
            ValueType v = WasmTypes.valueType(p);
            if (v == ValueType.V128) {
                mv.visitVarInsn(Opcodes.ALOAD, slot);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, VECTORS, "vector", "(Ljava/lang/Object;)" + RuntimeNames.V128_DESC,
                        false);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.V128, "lo", "()J", false);
                mv.visitVarInsn(Opcodes.ALOAD, slot);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.V128, "hi", "()J", false);
                slot += 1;
            } else {
                mv.visitVarInsn(Bytecode.loadOpcode(v.descriptor()), slot);
                slot += WasmTypes.slots(v);
            }
        }
    }

    /**
     * Converts the result a method handle returned (on the stack) to compiled code's form: a
     * single vector leaves its high half in the instance (local {@code instSlot}) and its low
     * half on the stack; result arrays with vectors are lowered.
     */
    static void publicResultToLowered(MethodVisitor mv, FunctionType t, ModuleContext ctx, int instSlot) {
        ValueType[] lowered = WasmTypes.lowered(t.returns());
        if (WasmTypes.isVectorResult(lowered)) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, VECTORS, "vector", "(Ljava/lang/Object;)" + RuntimeNames.V128_DESC,
                    false);
            mv.visitInsn(Opcodes.DUP);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.V128, "hi", "()J", false);
            mv.visitVarInsn(Opcodes.ALOAD, instSlot);
            mv.visitInsn(Opcodes.DUP_X2);
            mv.visitInsn(Opcodes.POP);
            ctx.emitVectorResult(mv, true);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.V128, "lo", "()J", false);
        } else if (isArrayWithVectors(t, lowered)) {
            mv.visitLdcInsn(kinds(t));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, VECTORS, "lowerResults",
                    "([Ljava/lang/Object;Ljava/lang/String;)[Ljava/lang/Object;", false);
        }
    }

    /** Converts compiled code's result (on the stack; instance in local {@code instSlot}) to a method handle's. */
    static void loweredResultToPublic(MethodVisitor mv, FunctionType t, ModuleContext ctx, int instSlot) {
        ValueType[] lowered = WasmTypes.lowered(t.returns());
        if (WasmTypes.isVectorResult(lowered)) {
            mv.visitVarInsn(Opcodes.ALOAD, instSlot);
            ctx.emitVectorResult(mv, false);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, RuntimeNames.V128, "of", "(JJ)" + RuntimeNames.V128_DESC, false);
        } else if (isArrayWithVectors(t, lowered)) {
            mv.visitLdcInsn(kinds(t));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, VECTORS, "liftResults",
                    "([Ljava/lang/Object;Ljava/lang/String;)[Ljava/lang/Object;", false);
        }
    }

    /** Whether {@code t}'s results travel as an {@code Object[]} that holds a vector (lowering added values). */
    private static boolean isArrayWithVectors(FunctionType t, ValueType[] lowered) {
        return t.returns().size() > 1 && lowered.length > t.returns().size();
    }

    /** One character per result: 'v' for a v128, '.' otherwise (see {@code Vectors}). */
    private static String kinds(FunctionType t) {
        StringBuilder sb = new StringBuilder();
        for (ValType r : t.returns()) {
            sb.append(r.equals(ValType.V128) ? 'v' : '.');
        }
        return sb.toString();
    }
}
