package dev.wasmjar.compiler.internal.validate;

import java.util.Arrays;

/** The control stack of the spec's validation algorithm: the frames of the open blocks, innermost on top. */
public final class ControlStack {
    private ControlFrame[] frames = new ControlFrame[16];
    private int size;

    /** Number of open frames. */
    int size() {
        return size;
    }

    void push(ControlFrame frame) {
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
        }
        frames[size++] = frame;
    }

    /** Removes and returns the innermost frame. */
    ControlFrame pop() {
        if (size == 0) {
            throw ValidationFailure.invalid("unexpected end", "no open block to end");
        }
        ControlFrame f = frames[--size];
        frames[size] = null;
        return f;
    }

    /** The innermost frame ({@code ctrls[0]}). */
    ControlFrame top() {
        return frames[size - 1];
    }

    /** The frame a branch to label {@code depth} targets ({@code ctrls[depth]}). */
    ControlFrame label(long depth) {
        if (depth < 0 || depth >= size) {
            throw ValidationFailure.invalid("unknown label", depth + " (" + size + " enclosing block"
                    + (size == 1 ? "" : "s") + ")");
        }
        return frames[size - 1 - (int) depth];
    }

    void clear() {
        Arrays.fill(frames, 0, size, null);
        size = 0;
    }
}
