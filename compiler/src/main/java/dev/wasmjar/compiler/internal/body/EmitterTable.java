package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.List;

/**
 * The emitter of each opcode, as registered by the {@link EmitterFamily}s. Built once: the
 * lookup per instruction is an array access by ordinal.
 */
final class EmitterTable {
    private static final EmitterTable STANDARD = of(List.of(
            new ControlEmitter(),
            new BranchTableEmitter(),
            new CallEmitter(),
            new ParametricEmitter(),
            new VariableEmitter(),
            new TableEmitter(),
            new ReferenceEmitter(),
            new MemoryEmitter(),
            new ConstantEmitter(),
            new ComparisonEmitter(),
            new NumericEmitter(),
            new ConversionEmitter(),
            new VectorMemoryEmitter(),
            new VectorLaneEmitter(),
            new VectorArithmeticEmitter(),
            new VectorLanes()));

    private final InstructionEmitter[] emitters = new InstructionEmitter[OpCode.values().length];

    private EmitterTable() {
    }

    /** The emitters of every instruction the compiler supports. */
    static EmitterTable standard() {
        return STANDARD;
    }

    /** A table of the given families' emitters. */
    static EmitterTable of(List<EmitterFamily> families) {
        EmitterTable t = new EmitterTable();
        for (EmitterFamily f : families) {
            f.register(t);
        }
        return t;
    }

    /** Sets the emitter of {@code op}; an opcode has exactly one. */
    void register(OpCode op, InstructionEmitter emitter) {
        if (emitters[op.ordinal()] != null) {
            throw new IllegalStateException("two emitters for " + op);
        }
        emitters[op.ordinal()] = emitter;
    }

    /** Replaces the emitter of {@code op} (which must exist) with {@code f} of it: a family refining another's. */
    void wrap(OpCode op, java.util.function.UnaryOperator<InstructionEmitter> f) {
        InstructionEmitter e = emitters[op.ordinal()];
        if (e == null) {
            throw new IllegalStateException("no emitter for " + op + " to wrap");
        }
        emitters[op.ordinal()] = f.apply(e);
    }

    /** The emitter of {@code op}, or {@code null} if the compiler does not support it. */
    InstructionEmitter get(OpCode op) {
        return emitters[op.ordinal()];
    }
}
