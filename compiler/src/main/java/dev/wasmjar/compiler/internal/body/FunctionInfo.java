package dev.wasmjar.compiler.internal.body;

import dev.wasmjar.compiler.internal.WasmTypes;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleContext;
import dev.wasmjar.runtime.ValueType;
import java.util.BitSet;
import java.util.List;

/** What the body generator knows about one function before generating code for it. */
final class FunctionInfo {
    final int funcIndex;
    /** Wasm name for backtraces. */
    final String name;
    final String owner;
    final String methodName;
    final String descriptor;
    final ValueType[] params;
    final ValueType[] results;
    /** All locals, lowered: parameters, then declared locals (a {@code v128} local is two, see {@link Types}). */
    final ValueType[] locals;
    /**
     * For each wasm local index: its first lowered local, and one more entry, the number of
     * lowered locals: a local spans one lowered local (a scalar), two (a {@code v128} as halves)
     * or four (a {@code v128} in lane form, of {@link #laneKind}).
     */
    final int[] localBase;
    final AnnotatedInstruction[] code;
    /** For block, loop and if: the index of the matching end; for else: the end of its if. */
    final int[] match;
    /** For if: the index of its else, or -1. */
    final int[] elseAt;
    /** The body accesses linear memory, so it caches the buffer. */
    final boolean usesMemory;
    /**
     * Whether most of the function's vector arithmetic is on 32-bit lanes ({@code i32x4},
     * {@code f32x4}): then its vector loads and splats produce lane form (see {@code VectorLanes}).
     */
    final boolean prefersLanes;
    /**
     * The kind of the lanes of lane-form locals ({@code VectorLanes.INT} or {@code FLOAT}): float
     * where most 32-bit lane operations are on {@code f32x4}, so that an accumulator stays in
     * float registers from one iteration to the next.
     */
    final int laneKind;
    /** JVM local slots the parameters and locals take as JVM locals. */
    final int localSlots;

    FunctionInfo(ModuleContext ctx, int funcIndex, FunctionBody body) {
        this.funcIndex = funcIndex;
        this.name = ctx.functionName(funcIndex);
        this.owner = ctx.functionOwner(funcIndex);
        this.methodName = ctx.functionMethodName(funcIndex);
        this.descriptor = ctx.functionDescriptor(funcIndex);
        var type = ctx.functionType(funcIndex);
        this.params = Types.of(type.params());
        this.results = Types.of(type.returns());
        this.code = body.instructions().toArray(new AnnotatedInstruction[0]);
        this.match = new int[code.length];
        this.elseAt = new int[code.length];
        int[] open = new int[16];
        int depth = 0;
        boolean memory = false;
        int laneOps = 0;
        int halfOps = 0;
        int floatOps = 0;
        for (int i = 0; i < code.length; i++) {
            OpCode op = code[i].opcode();
            switch (op) {
                case BLOCK:
                case LOOP:
                case IF:
                    if (depth == open.length) {
                        open = java.util.Arrays.copyOf(open, depth * 2);
                    }
                    elseAt[i] = -1;
                    open[depth++] = i;
                    break;
                case ELSE:
                    elseAt[open[depth - 1]] = i;
                    break;
                case END:
                    if (depth > 0) {
                        int start = open[--depth];
                        match[start] = i;
                        if (elseAt[start] >= 0) {
                            match[elseAt[start]] = i;
                        }
                    }
                    break;
                default:
                    if (!memory && usesMemory(op)) {
                        memory = true;
                    }
                    int shape = VectorLanes.shapeOf(op);
                    laneOps += shape > 0 ? 1 : 0;
                    halfOps += shape < 0 ? 1 : 0;
                    floatOps += shape > 0 && VectorLanes.isFloatOp(op) ? 1 : 0;
                    break;
            }
        }
        if (code.length == 0 || code[code.length - 1].opcode() != OpCode.END) {
            throw new CompileException(CompileException.Kind.MALFORMED,
                    "function " + name + " does not end with end");
        }
        this.usesMemory = memory;
        this.prefersLanes = laneOps > halfOps;
        this.laneKind = 2 * floatOps > laneOps ? VectorLanes.FLOAT : VectorLanes.INT;
        ValueType laneType = laneKind == VectorLanes.FLOAT ? ValueType.F32 : ValueType.I32;
        // wasm locals map to lowered locals: a v128 local is two (its halves), or in a function
        // that prefers lane form four lanes (declared locals only: parameters come as halves)
        List<com.dylibso.chicory.wasm.types.ValType> declared = body.localTypes();
        int wasmLocals = type.params().size() + declared.size();
        this.localBase = new int[wasmLocals + 1];
        List<ValueType> lowered = new java.util.ArrayList<>(wasmLocals);
        for (int i = 0; i < wasmLocals; i++) {
            var t = i < type.params().size() ? type.params().get(i) : declared.get(i - type.params().size());
            localBase[i] = lowered.size();
            if (prefersLanes && i >= type.params().size() && t.equals(com.dylibso.chicory.wasm.types.ValType.V128)) {
                for (int k = 0; k < 4; k++) {
                    lowered.add(laneType);
                }
                continue;
            }
            for (ValueType v : Types.of(t)) {
                lowered.add(v);
            }
        }
        localBase[wasmLocals] = lowered.size();
        this.locals = lowered.toArray(new ValueType[0]);
        int slots = 0;
        for (ValueType v : locals) {
            slots += WasmTypes.slots(v);
        }
        this.localSlots = slots;
    }

    /** The first lowered local of wasm local {@code wasmIndex}. */
    int localBase(int wasmIndex) {
        return localBase[wasmIndex];
    }

    /** The number of lowered locals wasm local {@code wasmIndex} spans: 1, 2 (a {@code v128} as halves) or 4 (lane form). */
    private int width(int wasmIndex) {
        return localBase[wasmIndex + 1] - localBase[wasmIndex];
    }

    /** Whether wasm local {@code wasmIndex} is a {@code v128} (two lowered locals, or four in lane form). */
    boolean isVectorLocal(int wasmIndex) {
        return width(wasmIndex) > 1;
    }

    /** Whether wasm local {@code wasmIndex} is a {@code v128} kept as four lanes (see {@code VectorLanes}). */
    boolean isLaneLocal(int wasmIndex) {
        return width(wasmIndex) == 4;
    }

    /**
     * Adds the locals that instructions {@code [start, end)} read or write to {@code accessed},
     * and those they write to {@code written}.
     */
    void localsUsed(int start, int end, BitSet accessed, BitSet written) {
        for (int i = start; i < end; i++) {
            OpCode op = code[i].opcode();
            if (op == OpCode.LOCAL_GET || op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                int wasm = (int) code[i].operand(0);
                int idx = localBase[wasm];
                int n = width(wasm);
                accessed.set(idx, idx + n);
                if (op != OpCode.LOCAL_GET) {
                    written.set(idx, idx + n);
                }
            }
        }
    }

    private static boolean usesMemory(OpCode op) {
        int o = op.opcode();
        // loads, stores, memory.size and memory.grow are 0x28..0x40; the bulk memory
        // instructions are 0xFC08..0xFC0B (memory.init, data.drop, memory.copy, memory.fill);
        // vector loads and stores 0xFD00..0xFD0B (but the constant 0xFD0C) and 0xFD54..0xFD5D.
        return (o >= 0x28 && o <= 0x40) || o == 0xFC08 || o == 0xFC0A || o == 0xFC0B
                || (o >= 0xFD00 && o <= 0xFD0B) || (o >= 0xFD54 && o <= 0xFD5D);
    }
}
