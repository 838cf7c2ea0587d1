package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;

/**
 * An instruction or function type {@code [params] -> [results]}. As an {@link InstructionRule}
 * it is the whole typing rule of the many instructions that only pop their parameters and push
 * their results ({@code i32.add}, {@code f64.convert_i32_s}, {@code call} once resolved, ...).
 */
public final class Signature implements InstructionRule {
    static final OperandType[] NONE = new OperandType[0];
    /** {@code [] -> []}. */
    static final Signature EMPTY = new Signature(NONE, NONE);

    /** {@code [i32 i32 i32] -> []}: the bulk table and memory operations (offsets and a length, or a fill value). */
    static final Signature THREE_I32 = new Signature(
            new OperandType[] {OperandType.I32, OperandType.I32, OperandType.I32}, NONE);

    private static final Signature[] PRODUCING = new Signature[OperandType.values().length];

    static {
        for (OperandType t : OperandType.values()) {
            PRODUCING[t.ordinal()] = of(null, null, t);
        }
    }

    final OperandType[] params;
    final OperandType[] results;

    Signature(OperandType[] params, OperandType[] results) {
        this.params = params;
        this.results = results;
    }

    /** {@code [params] -> [results]} from single types; {@code null} means none. */
    static Signature of(OperandType param1, OperandType param2, OperandType result) {
        OperandType[] p = param1 == null ? NONE : param2 == null ? new OperandType[] {param1} : new OperandType[] {param1, param2};
        return new Signature(p, result == null ? NONE : new OperandType[] {result});
    }

    /** {@code [] -> [result]} (a block type given as one value type), one shared instance per type. */
    static Signature producing(OperandType result) {
        return PRODUCING[result.ordinal()];
    }

    /** The signature of a Chicory function type. */
    static Signature of(FunctionType t) {
        return new Signature(OperandType.of(t.params()), OperandType.of(t.returns()));
    }

    /** Pops the parameters and pushes the results. */
    void apply(OperandStack operands) {
        operands.pop(params);
        operands.push(results);
    }

    @Override
    public void check(Instruction in, FunctionValidator f) {
        apply(f.operands());
    }

    /** Whether both have the same parameter and result types. */
    boolean sameAs(Signature other) {
        return java.util.Arrays.equals(params, other.params) && java.util.Arrays.equals(results, other.results);
    }

    @Override
    public String toString() {
        return OperandType.describe(params) + " -> " + OperandType.describe(results);
    }
}
