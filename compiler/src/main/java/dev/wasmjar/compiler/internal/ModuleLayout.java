package dev.wasmjar.compiler.internal;

import static dev.wasmjar.compiler.internal.RuntimeNames.*;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.GlobalImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import com.dylibso.chicory.wasm.types.TableImport;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.runtime.ValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Where everything of one module lives in the generated classes (see {@link ModuleCompiler}
 * for the layout), and the {@link ModuleContext} the function code generator works against.
 *
 * <p>Thread-safe once built: code classes are generated in parallel against one layout. It
 * records, while function bodies are generated, which {@code call_indirect} signatures and
 * which {@code ref.func} targets the code uses, so the support classes generated afterwards
 * contain exactly what is needed.
 */
final class ModuleLayout implements ModuleContext {
    static final String MEMORY_FIELD = "$memory";
    static final String REFS_FIELD = "$refs";
    static final String REF_METHOD = "$ref";
    static final String REF_DESCRIPTOR = "(I)" + WASM_FUNCTION_DESC;

    final WasmModule module;
    final String mainClass;
    private final String mainDescriptor;
    private final NameCustomSection names;

    // functions, in the wasm index space (imports first)
    final int importedFunctionCount;
    final int functionCount;
    private final FunctionType[] functionTypes;
    private final int[] functionTypeIndices;
    final List<FunctionImport> functionImports = new ArrayList<>();
    private final String[] functionOwners;
    private final String[] methodNames;
    private final String[] methodDescriptors;
    /** Code class {@code k} holds defined functions {@code [codeClassStarts[k], codeClassStarts[k+1])}. */
    int[] codeClassStarts;

    // globals
    final List<GlobalSlot> globals = new ArrayList<>();
    // tables and memory
    final List<TableSlot> tables = new ArrayList<>();
    MemorySlot memory;

    /** Functions that need a {@code WasmFunction} value: exported, in segments, or {@code ref.func}'d. */
    final Set<Integer> referencedFunctions = ConcurrentHashMap.newKeySet();
    /** {@code call_indirect} uses: {@code typeIndex << 32 | tableIndex}. */
    final Set<Long> indirectCalls = ConcurrentHashMap.newKeySet();

    /** A global: where generated code finds it. */
    static final class GlobalSlot {
        final int index;
        final ValueType type;
        final boolean mutable;
        /** Imported and exported globals are {@code dev.wasmjar.runtime.Global} boxes; the others plain fields. */
        final boolean boxed;
        final String field;
        final GlobalImport imported;
        final List<Instruction> init;

        GlobalSlot(int index, ValueType type, boolean mutable, boolean boxed, String field, GlobalImport imported,
                List<Instruction> init) {
            this.index = index;
            this.type = type;
            this.mutable = mutable;
            this.boxed = boxed;
            this.field = field;
            this.imported = imported;
            this.init = init;
        }

        String fieldDescriptor() {
            return boxed ? GLOBAL_DESC : type.descriptor();
        }
    }

    /** A table: its field, element type and limits ({@code max} -1: none). */
    static final class TableSlot {
        final String field;
        final ValueType elementType;
        final long min;
        final long max;
        final TableImport imported;
        final List<Instruction> init;

        TableSlot(String field, ValueType elementType, long min, long max, TableImport imported,
                List<Instruction> init) {
            this.field = field;
            this.elementType = elementType;
            this.min = min;
            this.max = max;
            this.imported = imported;
            this.init = init;
        }
    }

    /** Memory 0: limits in pages ({@code max} -1: none). */
    static final class MemorySlot {
        final long min;
        final long max;
        final MemoryImport imported;

        MemorySlot(long min, long max, MemoryImport imported) {
            this.min = min;
            this.max = max;
            this.imported = imported;
        }
    }

    ModuleLayout(WasmModule module, String mainClass, RawLimits rawLimits, int[] codeClassStarts) {
        this.module = module;
        this.mainClass = mainClass;
        this.mainDescriptor = "L" + mainClass + ";";
        this.names = module.nameSection();

        List<Import> imports = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            imports.add(module.importSection().getImport(i));
        }
        List<FunctionType> types = new ArrayList<>();
        List<Integer> typeIndices = new ArrayList<>();
        List<GlobalImport> globalImports = new ArrayList<>();
        int memoryImports = 0;
        int tableImportIndex = 0;
        int memoryImportIndex = 0;
        for (Import imp : imports) {
            if (imp instanceof FunctionImport) {
                FunctionImport fi = (FunctionImport) imp;
                functionImports.add(fi);
                typeIndices.add(fi.typeIndex());
                types.add(module.typeSection().getType(fi.typeIndex()));
            } else if (imp instanceof TableImport) {
                TableImport ti = (TableImport) imp;
                long[] lim = rawLimits.importedTable(tableImportIndex++, ti.limits().min(), chicoryTableMax(ti.limits().max()));
                tables.add(new TableSlot("$table" + tables.size(), WasmTypes.valueType(ti.entryType()), lim[0], lim[1],
                        ti, null));
            } else if (imp instanceof MemoryImport) {
                MemoryImport mi = (MemoryImport) imp;
                long[] lim = rawLimits.importedMemory(memoryImportIndex++, mi.limits().initialPages(),
                        chicoryMemoryMax(mi.limits().maximumPages()));
                memory = new MemorySlot(lim[0], lim[1], mi);
                memoryImports++;
            } else if (imp instanceof GlobalImport) {
                globalImports.add((GlobalImport) imp);
            } else {
                throw new CompileException(CompileException.Kind.UNSUPPORTED,
                        "unsupported import " + imp.module() + "/" + imp.name() + " (" + imp.importType() + ")");
            }
        }
        importedFunctionCount = functionImports.size();
        int defined = module.functionSection().functionCount();
        for (int i = 0; i < defined; i++) {
            int t = module.functionSection().getFunctionType(i);
            typeIndices.add(t);
            types.add(module.typeSection().getType(t));
        }
        functionCount = importedFunctionCount + defined;
        functionTypes = types.toArray(new FunctionType[0]);
        functionTypeIndices = typeIndices.stream().mapToInt(Integer::intValue).toArray();

        // memory 0
        int definedMemories = module.memorySection().map(s -> s.memoryCount()).orElse(0);
        if (memoryImports + definedMemories > 1) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "multiple memories are not supported");
        }
        if (definedMemories == 1) {
            var lim = module.memorySection().get().getMemory(0).limits();
            long[] raw = rawLimits.definedMemory(0, lim.initialPages(), chicoryMemoryMax(lim.maximumPages()));
            memory = new MemorySlot(raw[0], raw[1], null);
        }
        if (memory != null && module.memorySection().map(s -> s.memoryCount() > 0 && s.getMemory(0).limits().shared())
                .orElse(false)) {
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "shared memories are not supported");
        }

        // tables
        for (int i = 0; i < module.tableSection().tableCount(); i++) {
            var t = module.tableSection().getTable(i);
            long[] lim = rawLimits.definedTable(i, t.limits().min(), chicoryTableMax(t.limits().max()));
            List<Instruction> init = t.initialize();
            tables.add(new TableSlot("$table" + tables.size(), WasmTypes.valueType(t.elementType()), lim[0], lim[1],
                    null, init == null || init.isEmpty() ? null : init));
        }

        // exports: which functions need values, which globals need boxes
        Set<Integer> exportedGlobals = new TreeSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION) {
                referencedFunctions.add(e.index());
            } else if (e.exportType() == ExternalType.GLOBAL) {
                exportedGlobals.add(e.index());
            }
        }

        // globals: plain fields unless imported or exported mutable
        JvmNames fieldNames = new JvmNames();
        int g = 0;
        for (GlobalImport gi : globalImports) {
            ValueType vt = WasmTypes.valueType(gi.type());
            globals.add(new GlobalSlot(g, vt, gi.mutabilityType() == MutabilityType.Var, true,
                    fieldNames.unique(globalName(g), "global$", g), gi, null));
            g++;
        }
        for (var def : module.globalSection().globals()) {
            ValueType vt = WasmTypes.valueType(def.valueType());
            boolean mutable = def.mutabilityType() == MutabilityType.Var;
            // a v128 global is always a Global holding a V128: rare enough not to need two fields
            globals.add(new GlobalSlot(g, vt, mutable, exportedGlobals.contains(g) || vt == ValueType.V128,
                    fieldNames.unique(globalName(g), "global$", g), null, def.initInstructions()));
            collectRefs(def.initInstructions());
            g++;
        }
        for (Element e : module.elementSection().elements()) {
            for (List<Instruction> init : e.initializers()) {
                collectRefs(init);
            }
        }

        // code classes and method names
        this.codeClassStarts = codeClassStarts;
        functionOwners = new String[functionCount];
        methodNames = new String[functionCount];
        methodDescriptors = new String[functionCount];
        JvmNames importNames = new JvmNames();
        for (int f = 0; f < importedFunctionCount; f++) {
            functionOwners[f] = importsClass();
            FunctionImport fi = functionImports.get(f);
            String wasmName = names == null ? null : names.nameOfFunction(f);
            methodNames[f] = importNames.unique(wasmName != null ? wasmName : fi.module() + "." + fi.name(), "import$", f);
        }
        for (int k = 0; k + 1 < codeClassStarts.length; k++) {
            JvmNames classNames = new JvmNames();
            for (int d = codeClassStarts[k]; d < codeClassStarts[k + 1]; d++) {
                int f = importedFunctionCount + d;
                functionOwners[f] = codeClass(k);
                methodNames[f] = classNames.unique(names == null ? null : names.nameOfFunction(f), "func$", f);
            }
        }
        for (int f = 0; f < functionCount; f++) {
            methodDescriptors[f] = WasmTypes.methodDescriptor(functionTypes[f], mainDescriptor);
        }
    }

    private void collectRefs(List<Instruction> expr) {
        for (Instruction in : expr) {
            if (in.opcode() == OpCode.REF_FUNC) {
                referencedFunctions.add((int) in.operand(0));
            }
        }
    }

    private String globalName(int index) {
        return names == null ? null : names.nameOfGlobal(index);
    }

    /** Chicory reports "no maximum" as its own limit; map that back to -1. */
    private static long chicoryMemoryMax(int max) {
        return max >= com.dylibso.chicory.wasm.types.MemoryLimits.MAX_PAGES ? -1 : max;
    }

    private static long chicoryTableMax(long max) {
        return max >= com.dylibso.chicory.wasm.types.TableLimits.LIMIT_MAX ? -1 : max;
    }

    // --- class names ---------------------------------------------------------------------------

    int codeClassCount() {
        return codeClassStarts.length - 1;
    }

    String codeClass(int k) {
        return mainClass + "$Code" + k;
    }

    String importsClass() {
        return mainClass + "$Imports";
    }

    String indirectClass() {
        return mainClass + "$Indirect";
    }

    String refsClass(int k) {
        return mainClass + "$Refs" + k;
    }

    String entriesClass(int k) {
        return mainClass + "$Entries" + k;
    }

    String dataClass(int k) {
        return mainClass + "$Data" + k;
    }

    /** Field of imported function {@code f} in the main class. */
    static String importField(int f) {
        return "$import" + f;
    }

    static String dataField(int d) {
        return "$data" + d;
    }

    static String elementField(int e) {
        return "$elem" + e;
    }

    static String indirectBridgeName(int typeIndex, int tableIndex) {
        return "call_indirect$" + typeIndex + "$" + tableIndex;
    }

    static String typeField(int typeIndex) {
        return "type" + typeIndex;
    }

    String indirectBridgeDescriptor(int typeIndex) {
        return WasmTypes.methodDescriptor(type(typeIndex), "I" + mainDescriptor);
    }

    int typeIndexOf(int funcIndex) {
        return functionTypeIndices[funcIndex];
    }

    int dataCount() {
        return module.dataSection().dataSegmentCount();
    }

    /** Whether data segment {@code d} is passive: only those have a field (active ones are dropped at once). */
    boolean isPassiveData(int d) {
        return module.dataSection().getDataSegment(d) instanceof PassiveDataSegment;
    }

    int passiveDataCount() {
        int n = 0;
        for (int d = 0; d < dataCount(); d++) {
            if (isPassiveData(d)) {
                n++;
            }
        }
        return n;
    }

    int elementCount() {
        return module.elementSection().elementCount();
    }

    List<Integer> sortedReferencedFunctions() {
        List<Integer> out = new ArrayList<>(referencedFunctions);
        Collections.sort(out);
        return out;
    }

    // --- ModuleContext -------------------------------------------------------------------------

    @Override
    public FunctionType functionType(int funcIndex) {
        return functionTypes[funcIndex];
    }

    @Override
    public FunctionType type(int typeIndex) {
        return module.typeSection().getType(typeIndex);
    }

    /** Whether some function type returns exactly one {@code v128}: then the instance has {@link WasmTypes#VECTOR_RESULT_FIELD}. */
    boolean returnsVectors() {
        for (FunctionType t : module.typeSection().types()) {
            if (WasmTypes.isVectorResult(WasmTypes.lowered(t.returns()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    @Override
    public String functionName(int funcIndex) {
        String n = names == null ? null : names.nameOfFunction(funcIndex);
        return n != null ? n : "func[" + funcIndex + "]";
    }

    @Override
    public String instanceClass() {
        return mainClass;
    }

    @Override
    public String instanceDescriptor() {
        return mainDescriptor;
    }

    @Override
    public String functionOwner(int funcIndex) {
        return functionOwners[funcIndex];
    }

    @Override
    public String functionMethodName(int funcIndex) {
        return methodNames[funcIndex];
    }

    @Override
    public String functionDescriptor(int funcIndex) {
        return methodDescriptors[funcIndex];
    }

    @Override
    public void emitCall(MethodVisitor mv, int funcIndex) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, functionOwners[funcIndex], methodNames[funcIndex],
                methodDescriptors[funcIndex], false);
    }

    @Override
    public void emitCallIndirect(MethodVisitor mv, int typeIndex, int tableIndex) {
        indirectCalls.add(((long) typeIndex << 32) | tableIndex);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, indirectClass(), indirectBridgeName(typeIndex, tableIndex),
                indirectBridgeDescriptor(typeIndex), false);
    }

    @Override
    public void emitGlobalGet(MethodVisitor mv, int globalIndex) {
        GlobalSlot g = globals.get(globalIndex);
        if (!g.boxed) {
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, g.field, g.type.descriptor());
            return;
        }
        mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, g.field, GLOBAL_DESC);
        switch (g.type) {
            case I32:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getI32", "()I", false);
                break;
            case I64:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getI64", "()J", false);
                break;
            case F32:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getF32", "()F", false);
                break;
            case F64:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getF64", "()D", false);
                break;
            case FUNCREF:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getRef", "()Ljava/lang/Object;", false);
                mv.visitTypeInsn(Opcodes.CHECKCAST, WASM_FUNCTION);
                break;
            case V128:
                // the two halves, low first
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getRef", "()Ljava/lang/Object;", false);
                mv.visitTypeInsn(Opcodes.CHECKCAST, V128);
                mv.visitInsn(Opcodes.DUP);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, V128, "lo", "()J", false);
                mv.visitInsn(Opcodes.DUP2_X1);
                mv.visitInsn(Opcodes.POP2);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, V128, "hi", "()J", false);
                break;
            default:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "getRef", "()Ljava/lang/Object;", false);
        }
    }

    @Override
    public void emitGlobalSet(MethodVisitor mv, int globalIndex) {
        GlobalSlot g = globals.get(globalIndex);
        if (!g.boxed) {
            mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, g.field, g.type.descriptor());
            return;
        }
        if (g.type == ValueType.V128) {
            // stack: inst, lo, hi -> inst, vector
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, V128, "of", "(JJ)" + V128_DESC, false);
        }
        // stack: inst, value -> box, value (a two-slot value cannot be swapped directly)
        if (g.type != ValueType.V128 && WasmTypes.slots(g.type) == 2) {
            mv.visitInsn(Opcodes.DUP2_X1); // value, inst, value
            mv.visitInsn(Opcodes.POP2); // value, inst
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, g.field, GLOBAL_DESC); // value, box
            mv.visitInsn(Opcodes.DUP_X2); // box, value, box
            mv.visitInsn(Opcodes.POP); // box, value
        } else {
            mv.visitInsn(Opcodes.SWAP);
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, g.field, GLOBAL_DESC);
            mv.visitInsn(Opcodes.SWAP);
        }
        switch (g.type) {
            case I32:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "setI32", "(I)V", false);
                break;
            case I64:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "setI64", "(J)V", false);
                break;
            case F32:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "setF32", "(F)V", false);
                break;
            case F64:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "setF64", "(D)V", false);
                break;
            default:
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, GLOBAL, "setRef", "(Ljava/lang/Object;)V", false);
        }
    }

    @Override
    public void emitVectorResult(MethodVisitor mv, boolean store) {
        mv.visitFieldInsn(store ? Opcodes.PUTFIELD : Opcodes.GETFIELD, mainClass, WasmTypes.VECTOR_RESULT_FIELD, "J");
    }

    @Override
    public void emitMemory(MethodVisitor mv) {
        mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, MEMORY_FIELD, MEMORY_DESC);
    }

    @Override
    public void emitTable(MethodVisitor mv, int tableIndex) {
        mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, tables.get(tableIndex).field, TABLE_DESC);
    }

    @Override
    public void emitDataSegment(MethodVisitor mv, int dataIndex) {
        if (isPassiveData(dataIndex)) {
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, dataField(dataIndex), "[B");
        } else {
            // an active segment is already dropped: it reads as an empty one
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
    }

    @Override
    public void emitDataDrop(MethodVisitor mv, int dataIndex) {
        if (isPassiveData(dataIndex)) {
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, dataField(dataIndex), "[B");
        } else {
            mv.visitInsn(Opcodes.POP);
        }
    }

    @Override
    public void emitElementSegment(MethodVisitor mv, int elemIndex) {
        mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, elementField(elemIndex), "[Ljava/lang/Object;");
    }

    @Override
    public void emitElementDrop(MethodVisitor mv, int elemIndex) {
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, elementField(elemIndex), "[Ljava/lang/Object;");
    }

    @Override
    public ValueType globalType(int globalIndex) {
        return globals.get(globalIndex).type;
    }

    @Override
    public ValueType tableElementType(int tableIndex) {
        return tables.get(tableIndex).elementType;
    }

    @Override
    public void emitFunctionRef(MethodVisitor mv, int funcIndex) {
        referencedFunctions.add(funcIndex);
        Bytecode.pushInt(mv, funcIndex);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, mainClass, REF_METHOD, REF_DESCRIPTOR, false);
    }
}
