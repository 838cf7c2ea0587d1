package dev.wasmjar.compiler.internal.body;

/**
 * A group of instructions whose code generation belongs together (control, calls, variables,
 * memory, numeric, ...): one small class per group rather than one switch over every opcode.
 */
interface EmitterFamily {
    /** Registers the emitter of each opcode of the family. */
    void register(EmitterTable table);
}
