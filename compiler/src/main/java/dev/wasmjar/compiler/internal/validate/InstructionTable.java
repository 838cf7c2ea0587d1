package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;

/** The typing rule of each opcode, as registered by the {@link InstructionFamily}s. */
public final class InstructionTable {
    private static final InstructionTable STANDARD = of(List.of(
            new ControlInstructions(),
            new ParametricInstructions(),
            new VariableInstructions(),
            new ReferenceInstructions(),
            new TableInstructions(),
            new MemoryInstructions(),
            new NumericInstructions(),
            new VectorInstructions()));

    private final InstructionRule[] rules = new InstructionRule[OpCode.values().length];

    private InstructionTable() {
    }

    /** The rules of WebAssembly 2.0, one {@link InstructionFamily} per group of instructions. */
    public static InstructionTable standard() {
        return STANDARD;
    }

    /** A table of the given families' rules. */
    static InstructionTable of(List<InstructionFamily> families) {
        InstructionTable t = new InstructionTable();
        for (InstructionFamily f : families) {
            f.register(t);
        }
        return t;
    }

    /** Sets the rule of {@code op}; an opcode has exactly one rule. */
    void register(OpCode op, InstructionRule rule) {
        if (rules[op.ordinal()] != null) {
            throw new IllegalStateException("two rules for " + op);
        }
        rules[op.ordinal()] = rule;
    }

    /** Registers {@code rule} for every opcode of the binary encoding in {@code [first, last]}. */
    void registerRange(int first, int last, InstructionRule rule) {
        for (int code = first; code <= last; code++) {
            register(opcode(code), rule);
        }
    }

    /** Chicory's opcode for binary opcode {@code code} (prefixed ones as {@code 0xFC08} etc.). */
    static OpCode opcode(int code) {
        OpCode op = OpCode.byOpCode(code);
        if (op == null) {
            throw new IllegalArgumentException("no opcode 0x" + Integer.toHexString(code));
        }
        return op;
    }

    /** The rule of {@code op}, or {@code null} if no family covers it. */
    InstructionRule rule(OpCode op) {
        return rules[op.ordinal()];
    }
}
