package dev.wasmjar.compiler.internal;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Small bytecode-emitting helpers shared by the module-level generators. */
final class Bytecode {
    private Bytecode() {
    }

    /** Pushes the int {@code v} with the shortest instruction. */
    static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes the long {@code v}. */
    static void pushLong(MethodVisitor mv, long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(Opcodes.LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** The load opcode for a value of JVM descriptor {@code desc}. */
    static int loadOpcode(String desc) {
        switch (desc.charAt(0)) {
            case 'I':
            case 'Z':
            case 'B':
            case 'C':
            case 'S':
                return Opcodes.ILOAD;
            case 'J':
                return Opcodes.LLOAD;
            case 'F':
                return Opcodes.FLOAD;
            case 'D':
                return Opcodes.DLOAD;
            default:
                return Opcodes.ALOAD;
        }
    }

    /** The return opcode for a method returning JVM descriptor {@code desc} ("V" for void). */
    static int returnOpcode(String desc) {
        switch (desc.charAt(0)) {
            case 'V':
                return Opcodes.RETURN;
            case 'I':
            case 'Z':
            case 'B':
            case 'C':
            case 'S':
                return Opcodes.IRETURN;
            case 'J':
                return Opcodes.LRETURN;
            case 'F':
                return Opcodes.FRETURN;
            case 'D':
                return Opcodes.DRETURN;
            default:
                return Opcodes.ARETURN;
        }
    }
}
