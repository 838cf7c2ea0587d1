package dev.wasmjar.compiler.internal.validate;

/**
 * One entry of the control stack (the spec appendix's {@code ctrl_frame}): the structured
 * instruction that opened it, its start and end types, the operand stack height at its start,
 * and whether the rest of it is unreachable (after {@code br}, {@code return}, ...).
 */
public final class ControlFrame {
    final FrameKind kind;
    final OperandType[] startTypes;
    final OperandType[] endTypes;
    final int height;
    boolean unreachable;

    ControlFrame(FrameKind kind, OperandType[] startTypes, OperandType[] endTypes, int height) {
        this.kind = kind;
        this.startTypes = startTypes;
        this.endTypes = endTypes;
        this.height = height;
    }

    /** The types a branch to this frame's label carries: a loop's start types, else its end types. */
    OperandType[] labelTypes() {
        return kind == FrameKind.LOOP ? startTypes : endTypes;
    }
}
