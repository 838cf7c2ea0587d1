package dev.wasmjar.compiler.internal.validate;

import java.util.Arrays;

/**
 * The operand stack of the spec's validation algorithm: the types of the values an instruction
 * sequence has pushed so far. Popping below the innermost control frame's height is an error,
 * except in unreachable code, where the stack is polymorphic and yields {@link OperandType#UNKNOWN}.
 */
public final class OperandStack {
    private static final OperandType[] TYPES = OperandType.values();

    private final ControlStack controls;
    /** Ordinals of the types, bottom first. */
    private byte[] types = new byte[64];
    private int size;

    OperandStack(ControlStack controls) {
        this.controls = controls;
    }

    /** Number of operands. */
    int size() {
        return size;
    }

    /** {@code push_val}. */
    void push(OperandType t) {
        if (size == types.length) {
            types = Arrays.copyOf(types, size * 2);
        }
        types[size++] = (byte) t.ordinal();
    }

    /** {@code push_vals}: pushes {@code ts}, first to last. */
    void push(OperandType[] ts) {
        for (OperandType t : ts) {
            push(t);
        }
    }

    /** {@code pop_val()}: any operand. */
    OperandType pop() {
        ControlFrame frame = controls.top();
        if (size == frame.height) {
            if (frame.unreachable) {
                return OperandType.UNKNOWN;
            }
            throw ValidationFailure.typeMismatch("expected a value, found an empty stack");
        }
        return TYPES[types[--size]];
    }

    /** {@code pop_val(expect)}: an operand of type {@code expected} (or UNKNOWN, which matches anything). */
    OperandType pop(OperandType expected) {
        ControlFrame frame = controls.top();
        if (size == frame.height) {
            if (frame.unreachable) {
                return OperandType.UNKNOWN;
            }
            throw ValidationFailure.typeMismatch("expected " + expected + ", found an empty stack");
        }
        OperandType actual = TYPES[types[--size]];
        if (actual != expected && actual != OperandType.UNKNOWN && expected != OperandType.UNKNOWN) {
            throw ValidationFailure.typeMismatch("expected " + expected + ", found " + actual);
        }
        return actual;
    }

    /** {@code pop_vals(expected)}: pops the sequence {@code expected}, last first. */
    void pop(OperandType[] expected) {
        for (int i = expected.length - 1; i >= 0; i--) {
            pop(expected[i]);
        }
    }

    /** Like {@link #pop(OperandType[])}, returning the popped types (UNKNOWN where the stack was polymorphic). */
    OperandType[] popReturning(OperandType[] expected) {
        OperandType[] popped = new OperandType[expected.length];
        for (int i = expected.length - 1; i >= 0; i--) {
            popped[i] = pop(expected[i]);
        }
        return popped;
    }

    /** Drops operands down to {@code height} (for unreachable code). */
    void truncate(int height) {
        size = Math.min(size, height);
    }

    void clear() {
        size = 0;
    }
}
