package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.VectorCode.INT_LANES;
import static dev.wasmjar.compiler.internal.body.VectorCode.op;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import dev.wasmjar.runtime.ValueType;

/**
 * Vector constants and lanes: {@code v128.const}, {@code i8x16.shuffle} and {@code swizzle},
 * the splats, and {@code extract_lane}/{@code replace_lane} of every shape. Lane access and
 * shuffles are inline shifts and masks on the halves that hold the lanes; only {@code swizzle},
 * whose indices are run-time values, calls a helper.
 */
final class VectorLaneEmitter implements EmitterFamily {
    /** The shapes in encoding order of their lane instructions: lane bits, and whether extract has _s and _u. */
    private static final int[][] SHAPES = {{8, 1}, {16, 1}, {32, 0}, {64, 0}, {32, 0}, {64, 0}};
    private static final ValueType[] SCALARS = {
        ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64};

    @Override
    public void register(EmitterTable t) {
        t.register(op(0x0C), (m, in) -> { // v128.const: Chicory gives the two halves
            m.pushLong(in.operand(0));
            m.pushLong(in.operand(1));
            VectorCode.pushVector(m);
        });
        t.register(op(0x0D), VectorLaneEmitter::shuffle);
        t.register(op(0x0E), VectorLaneEmitter::swizzle);
        for (int s = 0; s < SCALARS.length; s++) {
            int shape = s;
            t.register(op(0x0F + s), (m, in) -> splat(m, shape));
        }
        int code = 0x15;
        for (int s = 0; s < SHAPES.length; s++) {
            int shape = s;
            if (SHAPES[s][1] == 1) {
                t.register(op(code++), (m, in) -> extract(m, shape, (int) in.operand(0), true));
                t.register(op(code++), (m, in) -> extract(m, shape, (int) in.operand(0), false));
            } else {
                t.register(op(code++), (m, in) -> extract(m, shape, (int) in.operand(0), true));
            }
            t.register(op(code++), (m, in) -> replace(m, shape, (int) in.operand(0)));
        }
    }

    /**
     * i8x16.shuffle with its constant indices resolved at compile time: each result half is an
     * OR of shifted and masked source halves, one term per run of result bytes that come from
     * consecutive bytes of one source half (a byte shift or a widening pattern is one or two
     * terms; an interleave is eight).
     */
    private static void shuffle(MethodState m, AnnotatedInstruction in) {
        int mark = m.tempMark();
        int b = VectorCode.popVector(m);
        int a = VectorCode.popVector(m);
        CodeSink mv = m.mv();
        int[] sources = {a, a + 2, b, b + 2}; // source half by index / 8
        for (int h = 0; h < 2; h++) {
            long indices = in.operand(h); // the eight lane indices of this half, byte k = index of result byte k
            boolean first = true;
            int k = 0;
            while (k < 8) {
                int i = (int) (indices >>> (8 * k)) & 31;
                int len = 1;
                while (k + len < 8 && ((int) (indices >>> (8 * (k + len))) & 31) == i + len && ((i + len) & 7) != 0) {
                    len++;
                }
                int shift = 8 * ((i & 7) - k); // > 0: the bytes move down
                long mask = (len == 8 ? -1L : (1L << (8 * len)) - 1) << (8 * k);
                mv.visitVarInsn(LLOAD, sources[i >> 3]);
                if (shift > 0) {
                    m.pushInt(shift);
                    mv.visitInsn(LUSHR);
                } else if (shift < 0) {
                    m.pushInt(-shift);
                    mv.visitInsn(LSHL);
                }
                if (mask != -1L) {
                    m.pushLong(mask);
                    mv.visitInsn(LAND);
                }
                if (!first) {
                    mv.visitInsn(LOR);
                }
                first = false;
                k += len;
            }
        }
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }

    private static void swizzle(MethodState m, AnnotatedInstruction in) {
        int mark = m.tempMark();
        int s = VectorCode.popVector(m);
        int a = VectorCode.popVector(m);
        CodeSink mv = m.mv();
        for (int h = 0; h <= 2; h += 2) {
            mv.visitVarInsn(LLOAD, a);
            mv.visitVarInsn(LLOAD, a + 2);
            mv.visitVarInsn(LLOAD, s + h);
            mv.visitMethodInsn(INVOKESTATIC, INT_LANES, "swizzle", "(JJJ)J", false);
        }
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }

    /** The scalar on top becomes every lane: one half computed, then duplicated. */
    private static void splat(MethodState m, int shape) {
        CodeSink mv = m.mv();
        m.pop();
        switch (shape) {
            case 0:
                mv.visitMethodInsn(INVOKESTATIC, INT_LANES, "splat8", "(I)J", false);
                break;
            case 1:
                mv.visitMethodInsn(INVOKESTATIC, INT_LANES, "splat16", "(I)J", false);
                break;
            case 2:
                mv.visitMethodInsn(INVOKESTATIC, INT_LANES, "splat32", "(I)J", false);
                break;
            case 4:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitMethodInsn(INVOKESTATIC, INT_LANES, "splat32", "(I)J", false);
                break;
            case 5:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            default:
                break;
        }
        mv.visitInsn(DUP2);
        VectorCode.pushVector(m);
    }

    /** extract_lane: keeps the half holding the lane, then shifts and converts it. */
    private static void extract(MethodState m, int shape, int lane, boolean signed) {
        VectorCode.materializeTop(m);
        CodeSink mv = m.mv();
        int bits = SHAPES[shape][0];
        int perHalf = 64 / bits;
        m.pop();
        m.pop();
        if (lane < perHalf) {
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        }
        int shift = (lane % perHalf) * bits;
        if (shift != 0) {
            m.pushInt(shift);
            mv.visitInsn(LUSHR);
        }
        switch (shape) {
            case 0:
            case 1:
                mv.visitInsn(L2I);
                if (signed) {
                    mv.visitInsn(bits == 8 ? I2B : I2S);
                } else {
                    m.pushInt(bits == 8 ? 0xFF : 0xFFFF);
                    mv.visitInsn(IAND);
                }
                break;
            case 2:
                mv.visitInsn(L2I);
                break;
            case 4:
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                break;
            case 5:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                break;
            default:
                break;
        }
        m.push(SCALARS[shape]);
    }

    /** replace_lane: the scalar's bits, masked and shifted, replace the lane's in its half. */
    private static void replace(MethodState m, int shape, int lane) {
        CodeSink mv = m.mv();
        int bits = SHAPES[shape][0];
        int mark = m.tempMark();
        m.pop();
        // the scalar's bits as a long, zero-extended to the lane
        switch (shape) {
            case 4:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                mv.visitInsn(I2L);
                break;
            case 5:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            case 3:
                break;
            default:
                mv.visitInsn(I2L);
                break;
        }
        int x = m.newTemp(ValueType.I64);
        mv.visitVarInsn(LSTORE, x);
        int a = VectorCode.popVector(m);
        VectorCode.withLane(m, a, x, lane, bits);
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }
}
