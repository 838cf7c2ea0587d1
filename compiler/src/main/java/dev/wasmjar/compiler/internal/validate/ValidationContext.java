package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TableImport;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The spec's validation context C of a module: the types, and the types of its functions,
 * tables, memories, globals, element and data segments (imports first), and the set C.refs
 * of functions that {@code ref.func} may name in function bodies.
 *
 * <p>Building it resolves the type indices of functions, so an unknown one is reported here.
 */
public final class ValidationContext {
    private final Signature[] types;
    private final Signature[] functions;
    private final int importedFunctions;
    private final OperandType[] tables;
    private final int memories;
    private final OperandType[] globals;
    private final boolean[] mutableGlobals;
    private final int importedGlobals;
    private final OperandType[] elements;
    /** Number of data segments the data count section declares, or -1 without that section. */
    private final int declaredDataCount;
    private final int dataSegments;
    private final BitSet refs;

    private ValidationContext(WasmModule m) {
        int typeCount = m.typeSection().subTypeCount();
        types = new Signature[typeCount];
        for (int i = 0; i < typeCount; i++) {
            types[i] = Signature.of(m.typeSection().getType(i));
        }
        List<Signature> funcs = new ArrayList<>();
        List<OperandType> tabs = new ArrayList<>();
        List<OperandType> globs = new ArrayList<>();
        List<Boolean> mutables = new ArrayList<>();
        int mems = 0;
        for (int i = 0; i < m.importSection().importCount(); i++) {
            Import imp = m.importSection().getImport(i);
            switch (imp.importType()) {
                case FUNCTION -> funcs.add(typeOf(((FunctionImport) imp).typeIndex(), "function import " + i));
                case TABLE -> tabs.add(OperandType.of(((TableImport) imp).entryType()));
                case MEMORY -> mems++;
                case GLOBAL -> {
                    GlobalImport g = (GlobalImport) imp;
                    globs.add(OperandType.of(g.type()));
                    mutables.add(g.mutabilityType() == MutabilityType.Var);
                }
                default -> throw ValidationFailure.invalid("unknown import kind", imp.importType().toString());
            }
        }
        importedFunctions = funcs.size();
        importedGlobals = globs.size();
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            funcs.add(typeOf(m.functionSection().getFunctionType(i), "function " + funcs.size()));
        }
        for (int i = 0; i < m.tableSection().tableCount(); i++) {
            tabs.add(OperandType.of(m.tableSection().getTable(i).elementType()));
        }
        mems += m.memorySection().map(s -> s.memoryCount()).orElse(0);
        for (int i = 0; i < m.globalSection().globalCount(); i++) {
            var g = m.globalSection().getGlobal(i);
            globs.add(OperandType.of(g.valueType()));
            mutables.add(g.mutabilityType() == MutabilityType.Var);
        }
        functions = funcs.toArray(new Signature[0]);
        tables = tabs.toArray(new OperandType[0]);
        memories = mems;
        globals = globs.toArray(new OperandType[0]);
        mutableGlobals = new boolean[mutables.size()];
        for (int i = 0; i < mutableGlobals.length; i++) {
            mutableGlobals[i] = mutables.get(i);
        }
        Element[] elems = m.elementSection().elements();
        elements = new OperandType[elems.length];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = OperandType.of(elems[i].type());
        }
        declaredDataCount = m.dataCountSection().map(s -> s.dataCount()).orElse(-1);
        dataSegments = m.dataSection().dataSegmentCount();
        refs = declaredReferences(m);
    }

    /** The context of module {@code m}. */
    static ValidationContext of(WasmModule m) {
        return new ValidationContext(m);
    }

    private Signature typeOf(long typeIndex, String what) {
        if (typeIndex < 0 || typeIndex >= types.length) {
            throw ValidationFailure.invalid("unknown type " + typeIndex, "the type of " + what);
        }
        return types[(int) typeIndex];
    }

    /**
     * C.refs: the functions referenced outside function bodies (and not by the start section) —
     * in global initializers, element segments and exports. Only these may be named by a
     * {@code ref.func} in a function body, including the body of the function itself.
     */
    private static BitSet declaredReferences(WasmModule m) {
        BitSet refs = new BitSet();
        for (int i = 0; i < m.globalSection().globalCount(); i++) {
            addReferences(m.globalSection().getGlobal(i).initInstructions(), refs);
        }
        for (Element e : m.elementSection().elements()) {
            for (List<Instruction> init : e.initializers()) {
                addReferences(init, refs);
            }
        }
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            Export e = m.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION && e.index() >= 0) {
                refs.set(e.index());
            }
        }
        return refs;
    }

    private static void addReferences(List<Instruction> expr, BitSet refs) {
        for (Instruction in : expr) {
            if (in.opcode() == OpCode.REF_FUNC && in.operand(0) >= 0 && in.operand(0) <= Integer.MAX_VALUE) {
                refs.set((int) in.operand(0));
            }
        }
    }

    /** Type section entry {@code index}. */
    Signature type(long index) {
        if (index < 0 || index >= types.length) {
            throw ValidationFailure.unknown("type", index);
        }
        return types[(int) index];
    }

    /** The type of function {@code index} (imports first). */
    Signature function(long index) {
        if (index < 0 || index >= functions.length) {
            throw ValidationFailure.unknown("function", index);
        }
        return functions[(int) index];
    }

    int functionCount() {
        return functions.length;
    }

    int importedFunctionCount() {
        return importedFunctions;
    }

    /** The element type of table {@code index}. */
    OperandType table(long index) {
        if (index < 0 || index >= tables.length) {
            throw ValidationFailure.unknown("table", index);
        }
        return tables[(int) index];
    }

    /** Checks that memory {@code index} exists. */
    void memory(long index) {
        if (index < 0 || index >= memories) {
            throw ValidationFailure.unknown("memory", index);
        }
    }

    int memoryCount() {
        return memories;
    }

    /** The type of global {@code index} (imports first). */
    OperandType global(long index) {
        if (index < 0 || index >= globals.length) {
            throw ValidationFailure.unknown("global", index);
        }
        return globals[(int) index];
    }

    boolean isMutableGlobal(int index) {
        return mutableGlobals[index];
    }

    int importedGlobalCount() {
        return importedGlobals;
    }

    /** The reference type of element segment {@code index}. */
    OperandType element(long index) {
        if (index < 0 || index >= elements.length) {
            throw ValidationFailure.unknown("elem segment", index);
        }
        return elements[(int) index];
    }

    /** Checks that data segment {@code index} may be used by {@code memory.init}/{@code data.drop}. */
    void data(long index) {
        if (index < 0 || index >= (declaredDataCount >= 0 ? declaredDataCount : dataSegments)) {
            throw ValidationFailure.unknown("data segment", index);
        }
        if (declaredDataCount < 0) {
            // the binary format's rule: code that names data segments needs the data count
            // section (so that one pass can validate it before the data section is read)
            throw ValidationFailure.malformed("data count section required");
        }
    }

    /** Whether function {@code index} is in C.refs. */
    boolean isDeclaredReference(long index) {
        return index >= 0 && index <= Integer.MAX_VALUE && refs.get((int) index);
    }
}
