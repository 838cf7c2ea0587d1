package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;
import org.objectweb.asm.Label;

/**
 * Comparisons ({@code i32/i64.eqz}, {@code eq}, {@code ne}, {@code lt/gt/le/ge} signed and
 * unsigned, float comparisons), and how any condition ends: see {@link #condition}.
 *
 * <p>Fusion with a following {@code br_if} or {@code if} lives here rather than in the control
 * emitter because the comparison decides it: it knows the JVM jump that tests its outcome, and
 * without fusion must materialise that outcome as 0/1. Control only provides the jump
 * mechanics ({@link ControlEmitter#branchIf}, {@link ControlEmitter#enterIf}).
 */
final class ComparisonEmitter implements EmitterFamily {

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.I32_EQZ, (m, in) -> {
            m.pop();
            condition(m, IFEQ);
        });
        intCompare(t, OpCode.I32_EQ, IF_ICMPEQ);
        intCompare(t, OpCode.I32_NE, IF_ICMPNE);
        intCompare(t, OpCode.I32_LT_S, IF_ICMPLT);
        intCompare(t, OpCode.I32_GT_S, IF_ICMPGT);
        intCompare(t, OpCode.I32_LE_S, IF_ICMPLE);
        intCompare(t, OpCode.I32_GE_S, IF_ICMPGE);
        t.register(OpCode.I32_LT_U, (m, in) -> condition(m, unsignedIntCompare(m, IF_ICMPLT)));
        t.register(OpCode.I32_GT_U, (m, in) -> condition(m, unsignedIntCompare(m, IF_ICMPGT)));
        t.register(OpCode.I32_LE_U, (m, in) -> condition(m, unsignedIntCompare(m, IF_ICMPLE)));
        t.register(OpCode.I32_GE_U, (m, in) -> condition(m, unsignedIntCompare(m, IF_ICMPGE)));
        t.register(OpCode.I64_EQZ, (m, in) -> {
            m.pop();
            m.mv().visitInsn(LCONST_0);
            m.mv().visitInsn(LCMP);
            condition(m, IFEQ);
        });
        compare(t, OpCode.I64_EQ, LCMP, IFEQ);
        compare(t, OpCode.I64_NE, LCMP, IFNE);
        compare(t, OpCode.I64_LT_S, LCMP, IFLT);
        compare(t, OpCode.I64_GT_S, LCMP, IFGT);
        compare(t, OpCode.I64_LE_S, LCMP, IFLE);
        compare(t, OpCode.I64_GE_S, LCMP, IFGE);
        t.register(OpCode.I64_LT_U, (m, in) -> condition(m, unsignedLongCompare(m, IFLT)));
        t.register(OpCode.I64_GT_U, (m, in) -> condition(m, unsignedLongCompare(m, IFGT)));
        t.register(OpCode.I64_LE_U, (m, in) -> condition(m, unsignedLongCompare(m, IFLE)));
        t.register(OpCode.I64_GE_U, (m, in) -> condition(m, unsignedLongCompare(m, IFGE)));
        // fcmpl yields -1 for NaN and fcmpg +1: each comparison picks the one that makes
        // NaN operands compare false (true for ne).
        compare(t, OpCode.F32_EQ, FCMPL, IFEQ);
        compare(t, OpCode.F32_NE, FCMPL, IFNE);
        compare(t, OpCode.F32_LT, FCMPG, IFLT);
        compare(t, OpCode.F32_GT, FCMPL, IFGT);
        compare(t, OpCode.F32_LE, FCMPG, IFLE);
        compare(t, OpCode.F32_GE, FCMPL, IFGE);
        compare(t, OpCode.F64_EQ, DCMPL, IFEQ);
        compare(t, OpCode.F64_NE, DCMPL, IFNE);
        compare(t, OpCode.F64_LT, DCMPG, IFLT);
        compare(t, OpCode.F64_GT, DCMPL, IFGT);
        compare(t, OpCode.F64_LE, DCMPG, IFLE);
        compare(t, OpCode.F64_GE, DCMPL, IFGE);
    }

    /** Two i32 operands compared by {@code jump} (an if_icmp opcode). */
    private static void intCompare(EmitterTable t, OpCode op, int jump) {
        t.register(op, (m, in) -> {
            m.pop();
            m.pop();
            condition(m, jump);
        });
    }

    /** Two operands reduced to an int by {@code cmpOpcode} (lcmp, fcmpl, ...), tested by {@code jump}. */
    private static void compare(EmitterTable t, OpCode op, int cmpOpcode, int jump) {
        t.register(op, (m, in) -> {
            m.pop();
            m.pop();
            m.mv().visitInsn(cmpOpcode);
            condition(m, jump);
        });
    }

    /*
     * Unsigned comparisons flip the sign bit of both operands and compare signed: x <u y exactly
     * when (x ^ MIN) < (y ^ MIN). Integer/Long.compareUnsigned are avoided on purpose: HotSpot
     * C2 has miscompiled unsigned-comparison intrinsics in some tiers (Chicory issues #755 and
     * #843), and the inline form is as cheap (two xors) and needs no call in the interpreter.
     */

    /** Two i32 operands compared unsigned; {@code jump} is the signed if_icmp opcode to apply. */
    private static int unsignedIntCompare(MethodState m, int jump) {
        CodeSink mv = m.mv();
        m.pop();
        m.pop();
        // [a, b] -> [b', a'] with x' = x ^ MIN; the caller's a OP b becomes b' (reversed OP) a'
        m.pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitInsn(SWAP);
        m.pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        return reversed(jump);
    }

    /** Two i64 operands compared unsigned into an lcmp-style int; {@code jump} tests it (iflt, ...). */
    private static int unsignedLongCompare(MethodState m, int jump) {
        CodeSink mv = m.mv();
        m.pop();
        m.pop();
        // [a, b] -> [b', a'] (dup2_x2 + pop2 swaps two longs), then lcmp(b', a') with the test reversed
        m.pushLong(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        m.pushLong(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(LCMP);
        return reversed(jump);
    }

    /** The jump that tests {@code b OP a} where {@code jump} tests {@code a OP b}. */
    static int reversed(int jump) {
        switch (jump) {
            case IF_ICMPLT: return IF_ICMPGT;
            case IF_ICMPGT: return IF_ICMPLT;
            case IF_ICMPLE: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLE;
            case IFLT: return IFGT;
            case IFGT: return IFLT;
            case IFLE: return IFGE;
            case IFGE: return IFLE;
            default: throw new IllegalArgumentException("not an ordering jump: " + jump);
        }
    }

    /**
     * Finishes a condition whose operands are consumed and whose outcome {@code jumpIfTrue}
     * tests: fused into a directly following {@code br_if} or {@code if} (which is then
     * consumed too), or materialised as an i32 0/1.
     */
    static void condition(MethodState m, int jumpIfTrue) {
        AnnotatedInstruction next = m.fusableNext();
        if (next != null) {
            if (next.opcode() == OpCode.BR_IF) {
                m.consumeNext();
                ControlEmitter.branchIf(m, (int) next.operand(0), jumpIfTrue);
                return;
            }
            if (next.opcode() == OpCode.IF) {
                m.consumeNext();
                ControlEmitter.enterIf(m, next.operand(0), ControlEmitter.negate(jumpIfTrue));
                return;
            }
        }
        CodeSink mv = m.mv();
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jumpIfTrue, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        m.frame(m.stack());
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
        m.push(ValueType.I32);
        m.frame(m.stack());
    }
}
