package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.RuntimeNames.MEMORY;
import static dev.wasmjar.compiler.internal.body.MemoryEmitter.VAR_HANDLE;
import static dev.wasmjar.compiler.internal.body.MemoryEmitter.VAR_HANDLE_DESC;
import static dev.wasmjar.compiler.internal.body.VectorCode.INT_LANES;
import static dev.wasmjar.compiler.internal.body.VectorCode.VECTORS;
import static dev.wasmjar.compiler.internal.body.VectorCode.op;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import dev.wasmjar.runtime.ValueType;

/**
 * Vector memory instructions: {@code v128.load} and {@code store}, the extending loads
 * ({@code load8x8_s} ...), the splatting and zero-filling loads, and the lane loads and stores.
 * Every access is one JVM array access (or two longs for a whole vector) at the effective
 * address {@link MemoryEmitter} computes, so bounds are the array's; a whole-vector store is
 * checked first by {@code Vectors.store}, so a partly out-of-bounds store writes nothing.
 */
final class VectorMemoryEmitter implements EmitterFamily {
    /** Memory's little-endian views by log2 of the access width (0: plain byte access). */
    private static final String[] VIEWS = {null, "SHORT", "INT", "LONG"};
    private static final String[] JVM = {"B", "S", "I", "J"};

    @Override
    public void register(EmitterTable t) {
        t.register(op(0x00), VectorMemoryEmitter::load);
        String[] extend = {"S8", "U8", "S16", "U16", "S32", "U32"};
        for (int i = 0; i < extend.length; i++) {
            String from = extend[i];
            t.register(op(0x01 + i), (m, in) -> {
                loadElement(m, in, 3);
                widen(m, "extendLow" + from, "extendHigh" + from);
            });
        }
        for (int w = 0; w < 4; w++) {
            int width = w;
            t.register(op(0x07 + w), (m, in) -> {
                loadElement(m, in, width);
                splat(m, width);
            });
        }
        t.register(op(0x0B), VectorMemoryEmitter::store);
        t.register(op(0x5C), (m, in) -> {
            loadElement(m, in, 2);
            m.mv().visitLdcInsn(0xFFFF_FFFFL);
            m.mv().visitInsn(LAND);
            m.mv().visitInsn(LCONST_0);
            VectorCode.pushVector(m);
        });
        t.register(op(0x5D), (m, in) -> {
            loadElement(m, in, 3);
            m.mv().visitInsn(LCONST_0);
            VectorCode.pushVector(m);
        });
        for (int w = 0; w < 4; w++) {
            int width = w;
            t.register(op(0x54 + w), (m, in) -> loadLane(m, in, width));
            t.register(op(0x58 + w), (m, in) -> storeLane(m, in, width));
        }
    }

    /** v128.load: the halves at ea and ea + 8 (the first access traps for a negative ea). */
    private static void load(MethodState m, AnnotatedInstruction in) {
        CodeSink mv = m.mv();
        m.pop();
        MemoryEmitter.effectiveAddress(m, in);
        int mark = m.tempMark();
        int ea = m.newTemp(ValueType.I32);
        mv.visitVarInsn(ISTORE, ea);
        for (int h = 0; h < 2; h++) {
            mv.visitFieldInsn(GETSTATIC, MEMORY, "LONG", VAR_HANDLE_DESC);
            m.loadMemoryBytes();
            mv.visitVarInsn(ILOAD, ea);
            if (h == 1) {
                m.pushInt(8);
                mv.visitInsn(IADD);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "get", "([BI)J", false);
        }
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }

    /**
     * Pops the address and pushes (on the JVM stack only) the element of {@code 1 << width}
     * bytes at its effective address, as a long: zero-extended for bytes, sign-extended for
     * shorts and ints (callers mask what they need).
     */
    private static void loadElement(MethodState m, AnnotatedInstruction in, int width) {
        MemoryEmitter.loadRaw(m, in, VIEWS[width], JVM[width]);
        CodeSink mv = m.mv();
        if (width == 0) {
            m.pushInt(0xFF);
            mv.visitInsn(IAND);
        }
        if (width < 3) {
            mv.visitInsn(I2L);
        }
    }

    /** The loaded half on the JVM stack becomes a vector through the widening helpers. */
    private static void widen(MethodState m, String low, String high) {
        CodeSink mv = m.mv();
        int mark = m.tempMark();
        int h = m.newTemp(ValueType.I64);
        mv.visitVarInsn(LSTORE, h);
        mv.visitVarInsn(LLOAD, h);
        mv.visitMethodInsn(INVOKESTATIC, INT_LANES, low, "(J)J", false);
        mv.visitVarInsn(LLOAD, h);
        mv.visitMethodInsn(INVOKESTATIC, INT_LANES, high, "(J)J", false);
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }

    /** The loaded element (a long) becomes every lane of its width. */
    private static void splat(MethodState m, int width) {
        CodeSink mv = m.mv();
        if (width < 3) {
            mv.visitInsn(L2I);
            mv.visitMethodInsn(INVOKESTATIC, INT_LANES, width == 0 ? "splat8" : width == 1 ? "splat16" : "splat32",
                    "(I)J", false);
        }
        mv.visitInsn(DUP2);
        VectorCode.pushVector(m);
    }

    private static void store(MethodState m, AnnotatedInstruction in) {
        CodeSink mv = m.mv();
        int mark = m.tempMark();
        int v = VectorCode.popVector(m);
        m.pop();
        MemoryEmitter.effectiveAddress(m, in);
        m.loadMemoryBytes();
        mv.visitInsn(SWAP);
        mv.visitVarInsn(LLOAD, v);
        mv.visitVarInsn(LLOAD, v + 2);
        mv.visitMethodInsn(INVOKESTATIC, VECTORS, "store", "([BIJJ)V", false);
        m.releaseTemps(mark);
    }

    /** v128.loadN_lane: the element at the address replaces lane {@code operand(3)}. */
    private static void loadLane(MethodState m, AnnotatedInstruction in, int width) {
        CodeSink mv = m.mv();
        int mark = m.tempMark();
        int v = VectorCode.popVector(m);
        loadElement(m, in, width);
        int x = m.newTemp(ValueType.I64);
        mv.visitVarInsn(LSTORE, x);
        VectorCode.withLane(m, v, x, (int) in.operand(3), 8 << width);
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }

    /** v128.storeN_lane: lane {@code operand(3)} is stored at the address. */
    private static void storeLane(MethodState m, AnnotatedInstruction in, int width) {
        CodeSink mv = m.mv();
        int mark = m.tempMark();
        int v = VectorCode.popVector(m);
        m.pop();
        MemoryEmitter.effectiveAddress(m, in);
        int ea = m.newTemp(ValueType.I32);
        mv.visitVarInsn(ISTORE, ea);
        int bits = 8 << width;
        int perHalf = 64 / bits;
        int lane = (int) in.operand(3);
        if (width == 0) {
            m.loadMemoryBytes();
            mv.visitVarInsn(ILOAD, ea);
        } else {
            mv.visitFieldInsn(GETSTATIC, MEMORY, VIEWS[width], VAR_HANDLE_DESC);
            m.loadMemoryBytes();
            mv.visitVarInsn(ILOAD, ea);
        }
        mv.visitVarInsn(LLOAD, v + (lane < perHalf ? 0 : 2));
        int shift = (lane % perHalf) * bits;
        if (shift != 0) {
            m.pushInt(shift);
            mv.visitInsn(LUSHR);
        }
        switch (width) {
            case 0:
                mv.visitInsn(L2I);
                mv.visitInsn(BASTORE);
                break;
            case 1:
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BIS)V", false);
                break;
            case 2:
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BII)V", false);
                break;
            default:
                mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BIJ)V", false);
                break;
        }
        m.releaseTemps(mark);
    }
}
