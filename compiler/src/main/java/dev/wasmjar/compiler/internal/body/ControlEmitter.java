package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;
import org.objectweb.asm.Label;

/**
 * Structured control: {@code unreachable}, {@code nop}, {@code block}, {@code loop}, {@code if},
 * {@code else}, {@code end}, {@code br}, {@code br_if} and {@code return} ({@code br_table} is
 * {@link BranchTableEmitter}'s). Also the branch mechanics the rest of the body uses: the
 * method's dead-code skipping ends blocks through {@link #doElse}/{@link #doEnd}, outlined
 * region stubs branch through {@link #branch}, and comparisons fused with a following
 * {@code br_if} or {@code if} jump through {@link #branchIf}/{@link #enterIf}.
 *
 * <p>A branch to a frame of this method jumps to its label, dropping any operands below the
 * carried values first; a branch to a frame outside an outlined region's method leaves the
 * method with an exit code.
 */
final class ControlEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.UNREACHABLE, (m, in) -> {
            m.mv().visitMethodInsn(INVOKESTATIC, BodyEmitter.OPS, "unreachable", "()Ldev/wasmjar/runtime/Trap;", false);
            m.mv().visitInsn(ATHROW);
            m.markDead();
        });
        t.register(OpCode.NOP, (m, in) -> { });
        t.register(OpCode.BLOCK, (m, in) -> enterBlock(m, Ctl.BLOCK, in.operand(0)));
        t.register(OpCode.LOOP, (m, in) -> enterBlock(m, Ctl.LOOP, in.operand(0)));
        t.register(OpCode.IF, (m, in) -> {
            m.pop();
            enterIf(m, in.operand(0), IFEQ);
        });
        t.register(OpCode.ELSE, (m, in) -> doElse(m));
        t.register(OpCode.END, (m, in) -> doEnd(m));
        t.register(OpCode.BR, (m, in) -> {
            branch(m, (int) in.operand(0));
            m.markDead();
        });
        t.register(OpCode.BR_IF, (m, in) -> {
            m.pop();
            branchIf(m, (int) in.operand(0), IFNE);
        });
        t.register(OpCode.RETURN, (m, in) -> {
            m.record(0);
            emitReturn(m);
        });
    }

    /** Parameter and result types of a block type immediate. */
    private static ValueType[][] blockType(MethodState m, long operand) {
        if (operand == 0x40) {
            return new ValueType[][] {Types.NONE, Types.NONE};
        }
        if (ValType.isValid(operand)) {
            ValType t = ValType.builder().fromId(operand).build();
            return new ValueType[][] {Types.NONE, Types.of(t)};
        }
        var type = m.ctx().type((int) operand);
        return new ValueType[][] {Types.of(type.params()), Types.of(type.returns())};
    }

    private static void enterBlock(MethodState m, int kind, long blockType) {
        ValueType[][] bt = blockType(m, blockType);
        StackNode base = StackNode.drop(m.stack(), bt[0].length);
        m.touch(bt[0].length);
        Ctl top = m.top();
        Ctl f = new Ctl(top, kind, top.depth + 1, bt[0], bt[1], base);
        m.setTop(f);
        if (kind == Ctl.LOOP) {
            m.mv().visitLabel(f.label);
            m.frame(m.stack());
            // Every backward branch passes here: a guest that computes without ever calling the
            // host still stops when its thread is interrupted (or its deadline passes).
            m.mv().visitMethodInsn(INVOKESTATIC, "dev/wasmjar/runtime/internal/Ops", "checkInterrupt", "()V", false);
        }
    }

    /** Opens an {@code if}: the condition is consumed already; {@code jumpIfFalse} jumps when it is false. */
    static void enterIf(MethodState m, long blockType, int jumpIfFalse) {
        ValueType[][] bt = blockType(m, blockType);
        StackNode base = StackNode.drop(m.stack(), bt[0].length);
        m.touch(bt[0].length);
        Ctl top = m.top();
        Ctl f = new Ctl(top, Ctl.IF, top.depth + 1, bt[0], bt[1], base);
        f.elseLabel = new Label();
        m.mv().visitJumpInsn(jumpIfFalse, f.elseLabel);
        m.setTop(f);
    }

    static void doElse(MethodState m) {
        Ctl f = m.top();
        if (!m.isDead()) {
            m.mv().visitJumpInsn(GOTO, f.label);
            f.targeted = true;
        }
        m.mv().visitLabel(f.elseLabel);
        f.hasElse = true;
        m.setStack(StackNode.pushAll(f.base, f.params));
        m.frame(m.stack());
        m.markLive();
    }

    static void doEnd(MethodState m) {
        Ctl f = m.top();
        if (f.kind == Ctl.FUNC) {
            if (!m.isDead()) {
                emitReturn(m);
            }
            m.markDead();
            return;
        }
        if (f.kind == Ctl.REGION) {
            throw new IllegalStateException("end of an enclosing block inside region of " + m.fn().name);
        }
        boolean ifWithoutElse = f.kind == Ctl.IF && !f.hasElse;
        boolean joins = f.kind != Ctl.LOOP && f.targeted;
        StackNode after = StackNode.pushAll(f.base, f.results);
        if (ifWithoutElse) {
            m.mv().visitLabel(f.elseLabel);
        }
        if (joins) {
            m.mv().visitLabel(f.label);
        }
        if (ifWithoutElse || joins) {
            m.frame(after);
            m.markLive();
        }
        m.setTop(f.parent);
        m.setStack(after);
    }

    /** The frame {@code d} levels out, or the region bottom when the target lies outside this method. */
    static Ctl target(MethodState m, int d) {
        Ctl t = m.top();
        for (int k = 0; k < d && t.kind != Ctl.REGION; k++) {
            t = t.parent;
        }
        return t;
    }

    /** The number of values a branch {@code d} levels out carries. */
    static int arity(MethodState m, int d) {
        Ctl t = target(m, d);
        if (t.kind == Ctl.FUNC) {
            return m.fn().results.length;
        }
        if (t.kind == Ctl.REGION) {
            int depth = m.top().depth - d;
            return depth == 0 ? m.fn().results.length : m.region().escapeTypes(depth).length;
        }
        return t.labelTypes().length;
    }

    /** Unconditional branch {@code d} levels out; leaves the tracked stack undefined (dead code follows). */
    static void branch(MethodState m, int d) {
        m.touch(arity(m, d));
        Ctl t = target(m, d);
        if (t.kind == Ctl.FUNC) {
            m.record(0);
            emitReturn(m);
            return;
        }
        if (t.kind == Ctl.REGION) {
            // leaving the region: the target is an enclosing frame, by absolute depth
            int depth = m.top().depth - d;
            m.record(depth);
            if (depth == 0) {
                emitReturn(m);
            } else {
                m.exitRegion(m.region().escapeTypes(depth).length, depth);
            }
            return;
        }
        m.record(t.depth);
        adjustStackFor(m, t);
        m.mv().visitJumpInsn(GOTO, t.label);
        if (t.kind != Ctl.LOOP) {
            t.targeted = true;
        }
    }

    /** Whether a branch to {@code t} can jump directly: nothing to drop below the branch values. */
    static boolean direct(MethodState m, Ctl t) {
        return (t.kind == Ctl.BLOCK || t.kind == Ctl.LOOP || t.kind == Ctl.IF)
                && StackNode.height(m.stack()) == StackNode.height(t.base) + t.labelTypes().length;
    }

    /** Drops the values between {@code t}'s base and the branch values, keeping the latter on top. */
    private static void adjustStackFor(MethodState m, Ctl t) {
        ValueType[] keep = t.labelTypes();
        int surplus = StackNode.height(m.stack()) - StackNode.height(t.base) - keep.length;
        if (surplus == 0) {
            return;
        }
        // Dropping values below the target's base is no use of them: in an outlined range the
        // caller drops them. So the low-water mark ignores these pops.
        int savedLow = m.lowWater();
        int mark = m.tempMark();
        int[] temps = new int[keep.length];
        for (int j = keep.length - 1; j >= 0; j--) {
            ValueType v = m.pop();
            temps[j] = m.newTemp(v);
            m.mv().visitVarInsn(Types.storeOp(v), temps[j]);
        }
        for (int s = 0; s < surplus; s++) {
            m.mv().visitInsn(WasmTypes.slots(m.pop()) == 2 ? POP2 : POP);
        }
        for (int j = 0; j < keep.length; j++) {
            m.mv().visitVarInsn(Types.loadOp(keep[j]), temps[j]);
            m.push(keep[j]);
        }
        m.releaseTemps(mark);
        m.setLowWater(savedLow);
    }

    /** Branch {@code d} levels out if the condition consumed by {@code jumpIfTrue} holds. */
    static void branchIf(MethodState m, int d, int jumpIfTrue) {
        m.touch(arity(m, d));
        Ctl t = target(m, d);
        if (direct(m, t)) {
            m.record(t.depth);
            m.mv().visitJumpInsn(jumpIfTrue, t.label);
            if (t.kind != Ctl.LOOP) {
                t.targeted = true;
            }
            return;
        }
        Label skip = new Label();
        m.mv().visitJumpInsn(negate(jumpIfTrue), skip);
        StackNode saved = m.stack();
        branch(m, d);
        m.setStack(saved);
        m.markLive();
        m.mv().visitLabel(skip);
        m.frame(m.stack());
    }

    /** Returns from the function (or, in a region, leaves with the RETURN code); results are on top. */
    static void emitReturn(MethodState m) {
        ValueType[] rs = m.fn().results;
        m.touch(rs.length);
        if (m.region() != null) {
            m.exitRegion(rs.length, Region.RETURN);
            m.markDead();
            return;
        }
        CodeSink mv = m.mv();
        if (rs.length == 0) {
            mv.visitInsn(RETURN);
        } else if (rs.length == 1) {
            mv.visitInsn(Types.returnOp(rs[0]));
        } else if (WasmTypes.isVectorResult(rs)) {
            // the high half goes to the instance, the low half is returned
            m.loadInstance();
            mv.visitInsn(DUP_X2);
            mv.visitInsn(POP);
            m.ctx().emitVectorResult(mv, true);
            mv.visitInsn(LRETURN);
        } else {
            int mark = m.tempMark();
            int[] temps = new int[rs.length];
            for (int j = rs.length - 1; j >= 0; j--) {
                ValueType t = m.pop();
                temps[j] = m.newTemp(t);
                mv.visitVarInsn(Types.storeOp(t), temps[j]);
            }
            m.pushInt(rs.length);
            mv.visitTypeInsn(ANEWARRAY, Types.OBJECT);
            for (int j = 0; j < rs.length; j++) {
                mv.visitInsn(DUP);
                m.pushInt(j);
                mv.visitVarInsn(Types.loadOp(rs[j]), temps[j]);
                String box = Types.boxClass(rs[j]);
                if (box != null) {
                    mv.visitMethodInsn(INVOKESTATIC, box, "valueOf",
                            "(" + Types.descriptor(rs[j]) + ")L" + box + ";", false);
                }
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(ARETURN);
            m.releaseTemps(mark);
        }
        m.markDead();
    }

    /** The conditional jump that jumps exactly when {@code jump} does not. */
    static int negate(int jump) {
        switch (jump) {
            case IFEQ: return IFNE;
            case IFNE: return IFEQ;
            case IFLT: return IFGE;
            case IFGE: return IFLT;
            case IFGT: return IFLE;
            case IFLE: return IFGT;
            case IF_ICMPEQ: return IF_ICMPNE;
            case IF_ICMPNE: return IF_ICMPEQ;
            case IF_ICMPLT: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLT;
            case IF_ICMPGT: return IF_ICMPLE;
            case IF_ICMPLE: return IF_ICMPGT;
            case IFNULL: return IFNONNULL;
            case IFNONNULL: return IFNULL;
            default: throw new IllegalArgumentException("not a conditional jump: " + jump);
        }
    }
}
