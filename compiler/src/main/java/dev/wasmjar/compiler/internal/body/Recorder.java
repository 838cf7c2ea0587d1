package dev.wasmjar.compiler.internal.body;

/**
 * What the planning pass records per instruction while generating the whole function once
 * without emitting it: code offsets (for sizes), liveness, operand and control stacks, how low
 * each instruction takes the operand stack, and branch targets.
 */
final class Recorder {
    /** Code offset before instruction i; {@code offset[n]} is the body's end. */
    final long[] offset;
    final boolean[] live;
    final StackNode[] stack;
    final Ctl[] ctl;
    /** Lowest operand stack height while instruction i executes. */
    final int[] low;
    /** For branches and returns: the control-stack depths targeted (0: the function, i.e. return). */
    final int[][] targets;

    Recorder(int n) {
        offset = new long[n + 1];
        live = new boolean[n + 1];
        stack = new StackNode[n + 1];
        ctl = new Ctl[n + 1];
        low = new int[n + 1];
        targets = new int[n][];
    }
}
