package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;

/** Generates the JVM code of one wasm instruction, as registered in the {@link EmitterTable}. */
@FunctionalInterface
interface InstructionEmitter {
    /**
     * Emits {@code in} into the method {@code m} is generating, keeping {@code m}'s tracked
     * operand stack in step with the JVM code.
     */
    void emit(MethodState m, AnnotatedInstruction in);
}
