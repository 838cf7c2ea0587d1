package dev.wasmjar.compiler.internal.body;

import dev.wasmjar.runtime.ValueType;
import org.objectweb.asm.Label;

/**
 * A control frame of the function being compiled. Frames form a linked stack (innermost
 * first) so that a snapshot of the whole control stack is one pointer.
 */
final class Ctl {
    /** The function itself: branching to it returns. */
    static final int FUNC = 0;
    /**
     * The bottom of an outlined region's method: stands for the enclosing frames, which live
     * in the calling method; branching to it leaves the region with an exit code.
     */
    static final int REGION = 1;
    static final int BLOCK = 2;
    static final int LOOP = 3;
    static final int IF = 4;

    final Ctl parent;
    final int kind;
    /** Index in the control stack of the whole function (FUNC = 0), also inside regions. */
    final int depth;
    final ValueType[] params;
    final ValueType[] results;
    /** The operand stack below the frame's parameters. */
    final StackNode base;
    /** Branch target: loop start, or block / if end. */
    final Label label;
    /** Where an {@code if} goes when its condition is false. */
    Label elseLabel;
    boolean hasElse;
    /** Whether some branch targets {@link #label} (block and if: the end needs a frame). */
    boolean targeted;

    Ctl(Ctl parent, int kind, int depth, ValueType[] params, ValueType[] results, StackNode base) {
        this.parent = parent;
        this.kind = kind;
        this.depth = depth;
        this.params = params;
        this.results = results;
        this.base = base;
        this.label = new Label();
    }

    /** The types a branch to this frame carries. */
    ValueType[] labelTypes() {
        return kind == LOOP ? params : results;
    }
}
