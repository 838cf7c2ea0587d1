package dev.wasmjar.compiler.internal.body;

import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;

/**
 * {@code br_table}: a tableswitch over the entries, each jumping to its target's label directly
 * when nothing must be dropped below the carried values, else to a trampoline that branches
 * like {@code br}. Tables with more than {@link #COMPACT_BR_TABLE} entries map indices through
 * a string constant first, so their code stays small.
 */
final class BranchTableEmitter implements EmitterFamily {
    /** br_table with more entries than this maps indices through a string instead of a tableswitch. */
    static final int COMPACT_BR_TABLE = 256;
    private static final int STRING_CHUNK = 16384;

    @Override
    public void register(EmitterTable t) {
        t.register(OpCode.BR_TABLE, (m, in) -> brTable(m, in.operands()));
    }

    private static void brTable(MethodState m, long[] operands) {
        CodeSink mv = m.mv();
        m.pop(); // the index
        int n = operands.length - 1;
        m.touch(ControlEmitter.arity(m, (int) operands[n]));
        // destinations: one per distinct depth, a direct label or a trampoline
        Map<Integer, Label> dest = new LinkedHashMap<>();
        List<Integer> trampolines = new ArrayList<>();
        for (long o : operands) {
            int d = (int) o;
            if (!dest.containsKey(d)) {
                Ctl t = ControlEmitter.target(m, d);
                if (ControlEmitter.direct(m, t)) {
                    m.record(t.depth);
                    if (t.kind != Ctl.LOOP) {
                        t.targeted = true;
                    }
                    dest.put(d, t.label);
                } else {
                    dest.put(d, new Label());
                    trampolines.add(d);
                }
            }
        }
        Label dflt = dest.get((int) operands[n]);
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else if (n <= COMPACT_BR_TABLE) {
            Label[] labels = new Label[n];
            for (int k = 0; k < n; k++) {
                labels[k] = dest.get((int) operands[k]);
            }
            mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
        } else {
            compactBrTable(m, operands, dest, dflt);
        }
        StackNode saved = m.stack();
        for (int d : trampolines) {
            mv.visitLabel(dest.get(d));
            m.setStack(saved);
            m.frame(m.stack());
            ControlEmitter.branch(m, d);
        }
        m.markDead();
    }

    /**
     * A br_table with many entries: a string constant maps each index to the ordinal of its
     * distinct destination (chars are 16-bit), and a tableswitch over the ordinals jumps. The
     * code stays small however many entries there are.
     */
    private static void compactBrTable(MethodState m, long[] operands, Map<Integer, Label> dest, Label dflt) {
        CodeSink mv = m.mv();
        int n = operands.length - 1;
        List<Integer> depths = new ArrayList<>(dest.keySet());
        Map<Integer, Integer> ordinal = new LinkedHashMap<>();
        for (int k = 0; k < depths.size(); k++) {
            ordinal.put(depths.get(k), k);
        }
        // the index stays on the stack (not in a temp): temps are not part of the frames
        StackNode withIndex = new StackNode(ValueType.I32, m.stack());
        m.setStack(withIndex);
        Label outOfRange = new Label();
        // index >=u n, as a signed comparison of both sides with the sign bit flipped
        mv.visitInsn(DUP);
        m.pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        m.pushInt(n ^ Integer.MIN_VALUE);
        mv.visitJumpInsn(IF_ICMPGE, outOfRange);
        int chunks = (n + STRING_CHUNK - 1) / STRING_CHUNK;
        Label dispatch = new Label();
        Label[] chunkLabels = new Label[chunks];
        if (chunks > 1) {
            for (int c = 0; c < chunks; c++) {
                chunkLabels[c] = new Label();
            }
            mv.visitInsn(DUP);
            m.pushInt(Integer.numberOfTrailingZeros(STRING_CHUNK));
            mv.visitInsn(IUSHR);
            mv.visitTableSwitchInsn(0, chunks - 1, chunkLabels[chunks - 1], chunkLabels);
        }
        for (int c = 0; c < chunks; c++) {
            if (chunks > 1) {
                mv.visitLabel(chunkLabels[c]);
                m.frame(withIndex);
            }
            int from = c * STRING_CHUNK;
            int to = Math.min(n, from + STRING_CHUNK);
            StringBuilder sb = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                sb.append((char) (int) ordinal.get((int) operands[k]));
            }
            mv.visitLdcInsn(sb.toString());
            mv.visitInsn(SWAP);
            if (chunks > 1) {
                m.pushInt(STRING_CHUNK - 1);
                mv.visitInsn(IAND);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
            if (chunks > 1) {
                mv.visitJumpInsn(GOTO, dispatch);
            }
        }
        if (chunks > 1) {
            mv.visitLabel(dispatch);
            m.frame(withIndex); // now the ordinal, also an int
        }
        Label[] labels = new Label[depths.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = dest.get(depths.get(k));
        }
        mv.visitTableSwitchInsn(0, labels.length - 1, dflt, labels);
        mv.visitLabel(outOfRange);
        m.frame(withIndex);
        mv.visitInsn(POP);
        mv.visitJumpInsn(GOTO, dflt);
        m.setStack(withIndex.below);
    }
}
