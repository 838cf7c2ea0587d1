package dev.wasmjar.compiler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Maps positions in the bytes Chicory parses back to offsets in the input, so that messages
 * about instructions point into the file the user has. The parsed bytes are the core module
 * (which starts at some offset in a component), possibly edited before parsing: a type section
 * grown by {@link BlockTypeIndices}, a broken name section cut out by {@link BinaryPrecheck}.
 */
final class InputOffsets implements IntUnaryOperator {
    /** Offset of the core module in the input. */
    private final int moduleStart;
    /** Edits in the order they were made: {position in the edited bytes, bytes inserted there (negative: removed)}. */
    private final List<int[]> edits = new ArrayList<>();

    InputOffsets(int moduleStart) {
        this.moduleStart = moduleStart;
    }

    /** Records that {@code inserted} bytes were inserted, ending at {@code end} of the edited bytes. */
    InputOffsets inserted(int end, int inserted) {
        edits.add(new int[] {end, inserted});
        return this;
    }

    /** Records that {@code removed} bytes were removed at {@code at} of the edited bytes. */
    InputOffsets removed(int at, int removed) {
        edits.add(new int[] {at, -removed});
        return this;
    }

    /** The input offset of position {@code parsed} of the parsed bytes. */
    @Override
    public int applyAsInt(int parsed) {
        int p = parsed;
        for (int i = edits.size() - 1; i >= 0; i--) {
            int[] edit = edits.get(i);
            if (p >= edit[0]) {
                p -= edit[1];
            } else if (edit[1] > 0 && p > edit[0] - edit[1]) {
                p = edit[0] - edit[1]; // inside inserted bytes: where they were inserted
            }
        }
        return moduleStart + p;
    }
}
