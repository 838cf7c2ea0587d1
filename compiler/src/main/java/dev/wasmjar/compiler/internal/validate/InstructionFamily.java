package dev.wasmjar.compiler.internal.validate;

/**
 * A group of instructions whose typing rules belong together (the spec's numeric, reference,
 * parametric, variable, table, memory and control instructions; next, vector instructions).
 */
public interface InstructionFamily {
    /** Registers the rule of each opcode of the family. */
    void register(InstructionTable table);
}
