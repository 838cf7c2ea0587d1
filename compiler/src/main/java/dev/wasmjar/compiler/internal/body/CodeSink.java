package dev.wasmjar.compiler.internal.body;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The method visitor all body code goes through, including what {@code ModuleContext} emits.
 * It measures the code (an upper bound of its size in bytes, so that functions too large for
 * one JVM method are detected before anything is written) and tracks whether an instruction
 * was emitted since the last stack map frame, because two frames at one offset are invalid.
 * With no delegate it only measures (a dry run).
 */
final class CodeSink extends MethodVisitor {
    /** Upper bound of the bytecode emitted so far, counting every jump as a short (3-byte) one. */
    long size;
    /** Jumps emitted: each may grow by 5 bytes when ASM widens it in a method over 32 KiB. */
    int jumps;
    /** An instruction was emitted since the last frame (or the method start). */
    boolean dirty = true;

    CodeSink(MethodVisitor delegate) {
        super(Opcodes.ASM9, delegate);
    }

    /** The worst-case size once long jumps are widened. */
    long worstCaseSize() {
        return size > 32000 ? size + 5L * jumps : size;
    }

    @Override
    public void visitInsn(int opcode) {
        insn(1);
        super.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        insn(opcode == Opcodes.SIPUSH ? 3 : 2);
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        insn(varIndex < 4 ? 1 : varIndex < 256 ? 2 : 4);
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        insn(3);
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        insn(3);
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        insn(opcode == Opcodes.INVOKEINTERFACE ? 5 : 3);
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrapMethodHandle,
            Object... bootstrapMethodArguments) {
        insn(5);
        super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapMethodArguments);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        insn(3);
        jumps++;
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLdcInsn(Object value) {
        insn(3);
        super.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        insn(varIndex < 256 && increment == (byte) increment ? 3 : 6);
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        insn(16 + 4L * labels.length);
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    private void insn(long bytes) {
        size += bytes;
        dirty = true;
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        insn(12 + 8L * labels.length);
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        insn(4);
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        dirty = false;
        super.visitFrame(type, numLocal, local, numStack, stack);
    }
}
