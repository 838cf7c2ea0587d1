package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.RuntimeNames.MEMORY;
import static dev.wasmjar.compiler.internal.body.MemoryEmitter.VAR_HANDLE;
import static dev.wasmjar.compiler.internal.body.MemoryEmitter.VAR_HANDLE_DESC;
import static dev.wasmjar.compiler.internal.body.VectorCode.VECTORS;
import static dev.wasmjar.compiler.internal.body.VectorCode.op;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;

/**
 * Lane form: a vector kept as four 32-bit lanes in JVM variables, for the operations on 32-bit
 * lanes ({@code f32x4} and {@code i32x4} arithmetic, splats, lane access, bitwise operations,
 * loads and stores). The two-long form makes every {@code f32x4} operation unpack and repack its
 * lanes through 64-bit shifts that the JIT cannot see through; in lane form each lane is one JVM
 * {@code int} or {@code float} variable, an operation is one JVM instruction per lane, and a lane
 * loaded and then used as a float becomes a float load in the JIT.
 *
 * <p>A lane-form vector is on the tracked stack but not on the JVM stack: its lanes are in four
 * temporaries ({@link MethodState#pushLanes}), of kind {@code int} or {@code float}. The emitters
 * here consume either form and produce lane form; every other vector emitter takes its operands
 * through {@link VectorCode#popVector}, which packs a lane-form vector into two longs. Before any
 * instruction that could see the JVM stack underneath or emit a stack map frame (control flow,
 * calls, ... : everything {@link #keepsLaneForm} does not list), the method puts lane-form
 * vectors on the JVM stack as two longs. Loads and splats produce lane form only in functions
 * whose vector arithmetic is mostly on 32-bit lanes ({@link FunctionInfo#prefersLanes}); the
 * arithmetic here produces lane form whenever an operand is in lane form or the function prefers it.
 */
final class VectorLanes implements EmitterFamily {
    /** Lane kinds, kept in the low bit of a lane-form vector's encoding ({@code base * 2 + kind}). */
    static final int INT = 0;
    static final int FLOAT = 1;

    /** Sub-opcodes of the operations done in lane form. */
    private static final int[] LANE_OPS = {0x11, 0x13, 0x1B, 0x1C, 0x1F, 0x20, 0xAB, 0xAC, 0xAD, 0xAE, 0xB1, 0xB5,
        0xE4, 0xE5, 0xE6, 0xE7};
    /** Sub-opcodes indifferent to the form: whole-vector memory access, constants, bitwise operations. */
    private static final int[] NEUTRAL_OPS = {0x00, 0x0B, 0x0C, 0x4D, 0x4E, 0x4F, 0x50, 0x51, 0x52, 0x53};

    /** 1 for an operation on 32-bit lanes done in lane form, -1 for one on other lanes, 0 for none or either. */
    static int shapeOf(OpCode op) {
        int code = op.opcode();
        if (code < 0xFD00 || code > 0xFDFF) {
            return 0;
        }
        int sub = code & 0xFF;
        for (int l : LANE_OPS) {
            if (l == sub) {
                return 1;
            }
        }
        for (int n : NEUTRAL_OPS) {
            if (n == sub) {
                return 0;
            }
        }
        return (sub >= 0x01 && sub <= 0x0A) || (sub >= 0x54 && sub <= 0x5D) ? 0 : -1;
    }

    /** Whether {@code op} is one of the lane-form operations on {@code f32x4}. */
    static boolean isFloatOp(OpCode op) {
        int sub = op.opcode() & 0xFF;
        return op.opcode() >= 0xFD00 && op.opcode() <= 0xFDFF
                && ((sub >= 0xE4 && sub <= 0xE7) || sub == 0x13 || sub == 0x1F || sub == 0x20);
    }

    /**
     * Whether instruction {@code op} may run with lane-form vectors pending (below or at
     * {@code stack}'s top): vector instructions (all consume vectors through this class or
     * {@link VectorCode}), and scalar instructions that neither reach below their own scalar
     * operands nor emit branches or frames.
     */
    static boolean keepsLaneForm(OpCode op, AnnotatedInstruction in, FunctionInfo fn, StackNode stack) {
        int code = op.opcode();
        if (code >= 0xFD00 && code <= 0xFDFF) {
            return true;
        }
        if (code >= 0x28 && code <= 0x3E) {
            return true; // scalar loads and stores
        }
        switch (op) {
            case NOP:
            case LOCAL_GET:
            case GLOBAL_GET:
            case I32_CONST:
            case I64_CONST:
            case F32_CONST:
            case F64_CONST:
            case I32_ADD:
            case I32_SUB:
            case I32_MUL:
            case I32_AND:
            case I32_OR:
            case I32_XOR:
            case I32_SHL:
            case I32_SHR_S:
            case I32_SHR_U:
            case I64_ADD:
            case I64_SUB:
            case I64_MUL:
            case I64_AND:
            case I64_OR:
            case I64_XOR:
            case I64_SHL:
            case I64_SHR_S:
            case I64_SHR_U:
            case F32_ADD:
            case F32_SUB:
            case F32_MUL:
            case F64_ADD:
            case F64_SUB:
            case F64_MUL:
            case I32_WRAP_I64:
            case I64_EXTEND_I32_S:
            case I64_EXTEND_I32_U:
                return true;
            case LOCAL_SET:
            case LOCAL_TEE:
                // a vector into a lane-form local is copied lane by lane
                return stack == null || stack.type != ValueType.V128 || fn.isLaneLocal((int) in.operand(0));
            case GLOBAL_SET:
                return stack == null || stack.type != ValueType.V128;
            default:
                return false;
        }
    }

    @Override
    public void register(EmitterTable t) {
        binary(t, 0xE4, FLOAT, FADD);
        binary(t, 0xE5, FLOAT, FSUB);
        binary(t, 0xE6, FLOAT, FMUL);
        binary(t, 0xE7, FLOAT, FDIV);
        binary(t, 0xAE, INT, IADD);
        binary(t, 0xB1, INT, ISUB);
        binary(t, 0xB5, INT, IMUL);
        binary(t, 0x4E, INT, IAND);
        binary(t, 0x50, INT, IOR);
        binary(t, 0x51, INT, IXOR);
        shift(t, 0xAB, ISHL);
        shift(t, 0xAC, ISHR);
        shift(t, 0xAD, IUSHR);
        t.wrap(op(0x11), halves -> (m, in) -> splat(m, in, INT, halves));
        t.wrap(op(0x13), halves -> (m, in) -> splat(m, in, FLOAT, halves));
        t.wrap(op(0x1B), halves -> (m, in) -> extract(m, in, INT, halves));
        t.wrap(op(0x1F), halves -> (m, in) -> extract(m, in, FLOAT, halves));
        t.wrap(op(0x1C), halves -> (m, in) -> replace(m, in, INT, halves));
        t.wrap(op(0x20), halves -> (m, in) -> replace(m, in, FLOAT, halves));
        t.wrap(op(0x00), halves -> (m, in) -> load(m, in, halves));
        t.wrap(op(0x0B), halves -> (m, in) -> store(m, in, halves));
    }

    // ---- forms ----------------------------------------------------------------------------------

    /** Emits the two halves (longs) of lane-form vector {@code enc} onto the JVM stack. */
    static void emitPack(CodeSink mv, int enc) {
        int base = enc >> 1;
        boolean f = (enc & 1) == FLOAT;
        for (int h = 0; h < 4; h += 2) {
            loadAsInt(mv, base + h, f);
            mv.visitInsn(I2L);
            mv.visitLdcInsn(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
            loadAsInt(mv, base + h + 1, f);
            mv.visitInsn(I2L);
            mv.visitIntInsn(BIPUSH, 32);
            mv.visitInsn(LSHL);
            mv.visitInsn(LOR);
        }
    }

    private static void loadAsInt(CodeSink mv, int slot, boolean isFloat) {
        if (isFloat) {
            mv.visitVarInsn(FLOAD, slot);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
        } else {
            mv.visitVarInsn(ILOAD, slot);
        }
    }

    /**
     * Pops the top vector as lane form of kind {@code kind}: a lane-form vector is taken over (its
     * lanes converted in place if of the other kind); two halves on the JVM stack are split into
     * new lane temporaries. Returns the encoding.
     */
    static int popLanes(MethodState m, int kind) {
        int enc = m.takeLanes();
        CodeSink mv = m.mv();
        if (enc < 0) {
            m.pop();
            m.pop();
            int base = m.newLaneTemps();
            // [lo, hi]: split hi into lanes 2, 3, then lo into 0, 1
            for (int h = 2; h >= 0; h -= 2) {
                mv.visitInsn(DUP2);
                mv.visitInsn(L2I);
                storeInt(mv, base + h, kind);
                mv.visitIntInsn(BIPUSH, 32);
                mv.visitInsn(LUSHR);
                mv.visitInsn(L2I);
                storeInt(mv, base + h + 1, kind);
            }
            return base * 2 + kind;
        }
        if ((enc & 1) != kind) {
            int base = enc >> 1;
            int to = m.ownsLanes(enc) ? base : m.newLaneTemps(); // a borrowed local is not converted in place
            for (int i = 0; i < 4; i++) {
                if (kind == FLOAT) {
                    mv.visitVarInsn(ILOAD, base + i);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                    mv.visitVarInsn(FSTORE, to + i);
                } else {
                    mv.visitVarInsn(FLOAD, base + i);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                    mv.visitVarInsn(ISTORE, to + i);
                }
            }
            enc = to * 2 + kind;
        }
        return enc;
    }

    /** {@code enc} itself if its consumer may overwrite its lanes, else a copy in new lane temporaries. */
    private static int owned(MethodState m, int enc) {
        if (m.ownsLanes(enc)) {
            return enc;
        }
        CodeSink mv = m.mv();
        int kind = enc & 1;
        int t = m.newLaneTemps();
        for (int i = 0; i < 4; i++) {
            mv.visitVarInsn(load(kind), (enc >> 1) + i);
            mv.visitVarInsn(store(kind), t + i);
        }
        return t * 2 + kind;
    }

    /** Stores the int on the JVM stack into lane {@code slot} of kind {@code kind}. */
    private static void storeInt(CodeSink mv, int slot, int kind) {
        if (kind == FLOAT) {
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
            mv.visitVarInsn(FSTORE, slot);
        } else {
            mv.visitVarInsn(ISTORE, slot);
        }
    }

    private static int load(int kind) {
        return kind == FLOAT ? FLOAD : ILOAD;
    }

    private static int store(int kind) {
        return kind == FLOAT ? FSTORE : ISTORE;
    }

    // ---- arithmetic -----------------------------------------------------------------------------

    private static void binary(EmitterTable t, int sub, int kind, int insn) {
        t.wrap(op(sub), halves -> (m, in) -> {
            if (m.peekLanes(0) < 0 && m.peekLanes(1) < 0 && !m.fn().prefersLanes) {
                halves.emit(m, in);
                return;
            }
            int b = popLanes(m, kind);
            int a = popLanes(m, kind);
            // the result goes into an operand's own block (the lower one of two, so that the other
            // is freed at the top), or into a new one where both borrow a local's variables
            int r;
            if (m.ownsLanes(a) && m.ownsLanes(b)) {
                r = Math.min(a, b);
            } else if (m.ownsLanes(a) || m.ownsLanes(b)) {
                r = m.ownsLanes(a) ? a : b;
            } else {
                r = m.newLaneTemps() * 2 + kind;
            }
            int ra = a >> 1;
            int rb = b >> 1;
            int rr = r >> 1;
            CodeSink mv = m.mv();
            for (int i = 0; i < 4; i++) {
                mv.visitVarInsn(load(kind), ra + i);
                mv.visitVarInsn(load(kind), rb + i);
                mv.visitInsn(insn);
                mv.visitVarInsn(store(kind), rr + i);
            }
            if (r != a) {
                m.freeLanes(ra);
            }
            if (r != b) {
                m.freeLanes(rb);
            }
            m.pushLanes(rr * 2 + kind);
        });
    }

    private static void shift(EmitterTable t, int sub, int insn) {
        t.wrap(op(sub), halves -> (m, in) -> {
            if (m.peekLanes(1) < 0 && !m.fn().prefersLanes) {
                halves.emit(m, in);
                return;
            }
            CodeSink mv = m.mv();
            m.pop();
            int c = m.newLaneTemps(); // the count (one int of a lane block: blocks are reused)
            mv.visitVarInsn(ISTORE, c);
            int a = owned(m, popLanes(m, INT)) >> 1;
            for (int i = 0; i < 4; i++) {
                mv.visitVarInsn(ILOAD, a + i);
                mv.visitVarInsn(ILOAD, c);
                mv.visitInsn(insn); // the JVM's int shifts take the count mod 32, as wasm's do
                mv.visitVarInsn(ISTORE, a + i);
            }
            m.freeLanes(c);
            m.pushLanes(a * 2 + INT);
        });
    }

    // ---- lanes ----------------------------------------------------------------------------------

    private static void splat(MethodState m, AnnotatedInstruction in, int kind, InstructionEmitter halves) {
        if (!m.fn().prefersLanes) {
            halves.emit(m, in);
            return;
        }
        CodeSink mv = m.mv();
        m.pop();
        int base = m.newLaneTemps();
        mv.visitVarInsn(store(kind), base);
        for (int i = 1; i < 4; i++) {
            mv.visitVarInsn(load(kind), base);
            mv.visitVarInsn(store(kind), base + i);
        }
        m.pushLanes(base * 2 + kind);
    }

    private static void extract(MethodState m, AnnotatedInstruction in, int kind, InstructionEmitter halves) {
        int enc = m.peekLanes(0);
        if (enc < 0) {
            halves.emit(m, in);
            return;
        }
        enc = popLanes(m, kind);
        m.mv().visitVarInsn(load(kind), (enc >> 1) + (int) in.operand(0));
        m.freeLanes(enc >> 1);
        m.push(kind == FLOAT ? ValueType.F32 : ValueType.I32);
    }

    private static void replace(MethodState m, AnnotatedInstruction in, int kind, InstructionEmitter halves) {
        if (m.peekLanes(1) < 0 && !m.fn().prefersLanes) {
            halves.emit(m, in);
            return;
        }
        CodeSink mv = m.mv();
        m.pop();
        int lane = (int) in.operand(0);
        int x = m.newLaneTemps(); // the scalar (one variable of a lane block: blocks are reused)
        mv.visitVarInsn(store(kind), x);
        int enc = owned(m, popLanes(m, kind));
        mv.visitVarInsn(load(kind), x);
        mv.visitVarInsn(store(kind), (enc >> 1) + lane);
        m.freeLanes(x);
        m.pushLanes(enc);
    }

    // ---- memory ---------------------------------------------------------------------------------

    private static void load(MethodState m, AnnotatedInstruction in, InstructionEmitter halves) {
        if (!m.fn().prefersLanes) {
            halves.emit(m, in);
            return;
        }
        CodeSink mv = m.mv();
        int base = m.newLaneTemps();
        m.pop();
        MemoryEmitter.effectiveAddress(m, in);
        int mark = m.tempMark();
        int ea = m.newTemp(ValueType.I32);
        mv.visitVarInsn(ISTORE, ea);
        // lane 3 first: if any lane is out of bounds, that one is (a load has no effect to undo)
        for (int i = 3; i >= 0; i--) {
            laneAccess(m, ea, i);
            mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "get", "([BI)I", false);
            mv.visitVarInsn(ISTORE, base + i);
        }
        m.releaseTemps(mark);
        m.pushLanes(base * 2 + INT);
    }

    private static void store(MethodState m, AnnotatedInstruction in, InstructionEmitter halves) {
        if (m.peekLanes(0) < 0) {
            halves.emit(m, in);
            return;
        }
        CodeSink mv = m.mv();
        int enc = m.takeLanes();
        int base = enc >> 1;
        boolean f = (enc & 1) == FLOAT;
        m.pop();
        MemoryEmitter.effectiveAddress(m, in);
        int mark = m.tempMark();
        int ea = m.newTemp(ValueType.I32);
        mv.visitVarInsn(ISTORE, ea);
        // checked as a whole first: a partly out-of-bounds store writes nothing
        m.loadMemoryBytes();
        mv.visitVarInsn(ILOAD, ea);
        mv.visitMethodInsn(INVOKESTATIC, VECTORS, "checkAccess", "([BI)V", false);
        for (int i = 0; i < 4; i++) {
            laneAccess(m, ea, i);
            loadAsInt(mv, base + i, f);
            mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BII)V", false);
        }
        m.releaseTemps(mark);
        m.freeLanes(base);
    }

    /** Pushes the int view, the memory and the index of lane {@code i} at effective address temporary {@code ea}. */
    private static void laneAccess(MethodState m, int ea, int i) {
        CodeSink mv = m.mv();
        mv.visitFieldInsn(GETSTATIC, MEMORY, "INT", VAR_HANDLE_DESC);
        m.loadMemoryBytes();
        mv.visitVarInsn(ILOAD, ea);
        if (i > 0) {
            m.pushInt(4 * i);
            mv.visitInsn(IADD);
        }
    }
}
