package dev.wasmjar.compiler.internal.body;

import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.ValueType;

/**
 * One value of the wasm operand stack, as an immutable cons cell. Persistence makes snapshots
 * free: a control frame remembers the stack below its parameters, and the size planner keeps
 * the stack before every instruction, each as a single pointer.
 */
final class StackNode {
    final ValueType type;
    final StackNode below;
    /** Number of values up to and including this one. */
    final int height;
    /** JVM operand-stack slots up to and including this one. */
    final int slots;

    StackNode(ValueType type, StackNode below) {
        this.type = type;
        this.below = below;
        this.height = below == null ? 1 : below.height + 1;
        this.slots = (below == null ? 0 : below.slots) + WasmTypes.slots(type);
    }

    static int height(StackNode s) {
        return s == null ? 0 : s.height;
    }

    static int slots(StackNode s) {
        return s == null ? 0 : s.slots;
    }

    /** The node {@code n} values below {@code s} ({@code n <= height}). */
    static StackNode drop(StackNode s, int n) {
        for (int i = 0; i < n; i++) {
            s = s.below;
        }
        return s;
    }

    /** The top {@code n} types of {@code s}, bottom first. */
    static ValueType[] topTypes(StackNode s, int n) {
        ValueType[] out = new ValueType[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = s.type;
            s = s.below;
        }
        return out;
    }

    static StackNode pushAll(StackNode s, ValueType[] types) {
        for (ValueType t : types) {
            s = new StackNode(t, s);
        }
        return s;
    }
}
