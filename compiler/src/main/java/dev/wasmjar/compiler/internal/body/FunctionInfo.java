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
    /** All locals: parameters, then declared locals. */
    final ValueType[] locals;
    final AnnotatedInstruction[] code;
    /** For block, loop and if: the index of the matching end; for else: the end of its if. */
    final int[] match;
    /** For if: the index of its else, or -1. */
    final int[] elseAt;
    /** The body accesses linear memory, so it caches the buffer. */
    final boolean usesMemory;
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
        List<com.dylibso.chicory.wasm.types.ValType> declared = body.localTypes();
        this.locals = new ValueType[params.length + declared.size()];
        System.arraycopy(params, 0, locals, 0, params.length);
        int slots = 0;
        for (int i = 0; i < locals.length; i++) {
            if (i >= params.length) {
                locals[i] = Types.of(declared.get(i - params.length));
            }
            slots += WasmTypes.slots(locals[i]);
        }
        this.localSlots = slots;
        this.code = body.instructions().toArray(new AnnotatedInstruction[0]);
        this.match = new int[code.length];
        this.elseAt = new int[code.length];
        int[] open = new int[16];
        int depth = 0;
        boolean memory = false;
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
                    break;
            }
        }
        if (code.length == 0 || code[code.length - 1].opcode() != OpCode.END) {
            throw new CompileException(CompileException.Kind.MALFORMED,
                    "function " + name + " does not end with end");
        }
        this.usesMemory = memory;
    }

    ValueType localType(int index) {
        return locals[index];
    }

    /**
     * Adds the locals that instructions {@code [start, end)} read or write to {@code accessed},
     * and those they write to {@code written}.
     */
    void localsUsed(int start, int end, BitSet accessed, BitSet written) {
        for (int i = start; i < end; i++) {
            OpCode op = code[i].opcode();
            if (op == OpCode.LOCAL_GET || op == OpCode.LOCAL_SET || op == OpCode.LOCAL_TEE) {
                int idx = (int) code[i].operand(0);
                accessed.set(idx);
                if (op != OpCode.LOCAL_GET) {
                    written.set(idx);
                }
            }
        }
    }

    private static boolean usesMemory(OpCode op) {
        int o = op.opcode();
        // loads, stores, memory.size and memory.grow are 0x28..0x40; the bulk memory
        // instructions are 0xFC08..0xFC0B (memory.init, data.drop, memory.copy, memory.fill).
        return (o >= 0x28 && o <= 0x40) || o == 0xFC08 || o == 0xFC0A || o == 0xFC0B;
    }
}
