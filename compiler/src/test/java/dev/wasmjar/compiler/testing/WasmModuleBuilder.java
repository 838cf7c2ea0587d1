package dev.wasmjar.compiler.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test support: a small fluent builder that emits WebAssembly binary modules, so tests can
 * describe exactly the module they need without a text-format assembler.
 *
 * <pre>{@code
 * WasmModuleBuilder b = new WasmModuleBuilder();
 * int log = b.importFunction("env", "log", types(I32), types());
 * b.memory(1, -1);
 * byte[] wasm = b.exportMemory("mem", 0)
 *     .function("add", types(I32, I32), types(I32))
 *         .locals(1, I32)
 *         .code(LOCAL_GET, 0, LOCAL_GET, 1, I32_ADD)
 *         .export("add")
 *         .end()
 *     .build();
 * }</pre>
 *
 * <p>Indices: functions, tables, memories and globals count imports first, in the order the
 * builder methods were called within each kind (the builder does not reorder). Function
 * bodies are raw instruction bytes without the final {@code end}, which is appended. Constant
 * expressions (offsets, global initialisers) are raw bytes without {@code end} as well.
 */
public final class WasmModuleBuilder {
    // value types
    public static final byte I32 = 0x7F;
    public static final byte I64 = 0x7E;
    public static final byte F32 = 0x7D;
    public static final byte F64 = 0x7C;
    public static final byte V128 = 0x7B;
    public static final byte FUNCREF = 0x70;
    public static final byte EXTERNREF = 0x6F;

    // a selection of opcodes (others can be written as raw bytes)
    public static final int UNREACHABLE = 0x00;
    public static final int NOP = 0x01;
    public static final int BLOCK = 0x02;
    public static final int LOOP = 0x03;
    public static final int IF = 0x04;
    public static final int ELSE = 0x05;
    public static final int END = 0x0B;
    public static final int BR = 0x0C;
    public static final int BR_IF = 0x0D;
    public static final int RETURN = 0x0F;
    public static final int CALL = 0x10;
    public static final int CALL_INDIRECT = 0x11;
    public static final int DROP = 0x1A;
    public static final int SELECT = 0x1B;
    public static final int LOCAL_GET = 0x20;
    public static final int LOCAL_SET = 0x21;
    public static final int LOCAL_TEE = 0x22;
    public static final int GLOBAL_GET = 0x23;
    public static final int GLOBAL_SET = 0x24;
    public static final int TABLE_GET = 0x25;
    public static final int TABLE_SET = 0x26;
    public static final int I32_LOAD = 0x28;
    public static final int I64_LOAD = 0x29;
    public static final int I32_LOAD8_U = 0x2D;
    public static final int I32_STORE = 0x36;
    public static final int I64_STORE = 0x37;
    public static final int I32_STORE8 = 0x3A;
    public static final int MEMORY_SIZE = 0x3F;
    public static final int MEMORY_GROW = 0x40;
    public static final int I32_CONST = 0x41;
    public static final int I64_CONST = 0x42;
    public static final int F32_CONST = 0x43;
    public static final int F64_CONST = 0x44;
    public static final int I32_EQZ = 0x45;
    public static final int I32_EQ = 0x46;
    public static final int I32_LT_S = 0x48;
    public static final int I32_ADD = 0x6A;
    public static final int I32_SUB = 0x6B;
    public static final int I32_MUL = 0x6C;
    public static final int I32_DIV_S = 0x6D;
    public static final int I64_ADD = 0x7C;
    public static final int REF_NULL = 0xD0;
    public static final int REF_IS_NULL = 0xD1;
    public static final int REF_FUNC = 0xD2;
    /** Prefix of the bulk-memory and table instructions (followed by a LEB128 sub-opcode). */
    public static final int PREFIX_FC = 0xFC;
    /** Block type "no result". */
    public static final int EMPTY_BLOCK = 0x40;

    private final List<byte[]> types = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new LinkedHashMap<>();
    private final ByteArrayOutputStream imports = new ByteArrayOutputStream();
    private int importCount;
    private int importedFunctions;
    private int importedTables;
    private int importedMemories;
    private int importedGlobals;
    private final List<FunctionBuilder> functions = new ArrayList<>();
    private final List<byte[]> tables = new ArrayList<>();
    private final List<byte[]> memories = new ArrayList<>();
    private final List<byte[]> globals = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> elements = new ArrayList<>();
    private final List<byte[]> datas = new ArrayList<>();
    private final Map<Integer, String> functionNames = new LinkedHashMap<>();
    private final Map<Integer, String> globalNames = new LinkedHashMap<>();
    private final List<byte[]> customSections = new ArrayList<>();
    private Integer start;
    private boolean dataCount;

    /** Shorthand for a byte array of value types, e.g. {@code types(I32, I64)}. */
    public static byte[] types(byte... valueTypes) {
        return valueTypes;
    }

    // --- types --------------------------------------------------------------------------------

    /** The index of the type {@code params -> results}, adding it if new. */
    public int typeIndex(byte[] params, byte[] results) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x60);
        vec(b, params);
        vec(b, results);
        byte[] enc = b.toByteArray();
        String key = java.util.Arrays.toString(enc);
        return typeIndex.computeIfAbsent(key, k -> {
            types.add(enc);
            return types.size() - 1;
        });
    }

    /** Adds a type entry even if an equal one exists (for tests of type identity). */
    public int addType(byte[] params, byte[] results) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x60);
        vec(b, params);
        vec(b, results);
        types.add(b.toByteArray());
        return types.size() - 1;
    }

    // --- imports ------------------------------------------------------------------------------

    /** Imports a function; returns its function index. Imports must come before definitions. */
    public int importFunction(String module, String name, byte[] params, byte[] results) {
        int t = typeIndex(params, results);
        importHeader(module, name, 0x00);
        u32(imports, t);
        return importedFunctions++;
    }

    /** Imports a table; {@code max} -1 means none. Returns its table index. */
    public int importTable(String module, String name, byte elemType, long min, long max) {
        importHeader(module, name, 0x01);
        imports.write(elemType);
        limits(imports, min, max);
        return importedTables++;
    }

    /** Imports a memory; {@code max} -1 means none. Returns its memory index. */
    public int importMemory(String module, String name, long min, long max) {
        importHeader(module, name, 0x02);
        limits(imports, min, max);
        return importedMemories++;
    }

    /** Imports a global; returns its global index. */
    public int importGlobal(String module, String name, byte valueType, boolean mutable) {
        importHeader(module, name, 0x03);
        imports.write(valueType);
        imports.write(mutable ? 1 : 0);
        return importedGlobals++;
    }

    private void importHeader(String module, String name, int kind) {
        if (!functions.isEmpty() || !tables.isEmpty() || !memories.isEmpty() || !globals.isEmpty()) {
            throw new IllegalStateException("imports must be declared before definitions");
        }
        name(imports, module);
        name(imports, name);
        imports.write(kind);
        importCount++;
    }

    // --- definitions --------------------------------------------------------------------------

    /** Starts a function definition; finish it with {@link FunctionBuilder#end()}. */
    public FunctionBuilder function(byte[] params, byte[] results) {
        return function(null, params, results);
    }

    /** Starts a function definition named {@code name} in the name section ({@code null}: unnamed). */
    public FunctionBuilder function(String name, byte[] params, byte[] results) {
        FunctionBuilder f = new FunctionBuilder(importedFunctions + functions.size(), typeIndex(params, results));
        functions.add(f);
        if (name != null) {
            functionNames.put(f.index, name);
        }
        return f;
    }

    /** The function index of the function defined last. */
    public int lastFunction() {
        if (functions.isEmpty()) {
            throw new IllegalStateException("no function defined yet");
        }
        return functions.get(functions.size() - 1).index;
    }

    /** Defines a table; {@code max} -1 means none. Returns its table index. */
    public int table(byte elemType, long min, long max) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(elemType);
        limits(b, min, max);
        tables.add(b.toByteArray());
        return importedTables + tables.size() - 1;
    }

    /** Defines a memory; {@code max} -1 means none. Returns its memory index. */
    public int memory(long min, long max) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        limits(b, min, max);
        memories.add(b.toByteArray());
        return importedMemories + memories.size() - 1;
    }

    /** Defines a global initialised by the constant expression {@code init} (without {@code end}). */
    public int global(byte valueType, boolean mutable, int... init) {
        return global(null, valueType, mutable, init);
    }

    /** Defines a global named {@code name} in the name section. */
    public int global(String name, byte valueType, boolean mutable, int... init) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(valueType);
        b.write(mutable ? 1 : 0);
        raw(b, init);
        b.write(END);
        globals.add(b.toByteArray());
        int index = importedGlobals + globals.size() - 1;
        if (name != null) {
            globalNames.put(index, name);
        }
        return index;
    }

    // --- exports ------------------------------------------------------------------------------

    public WasmModuleBuilder exportFunction(String name, int funcIndex) {
        return export(name, 0x00, funcIndex);
    }

    public WasmModuleBuilder exportTable(String name, int tableIndex) {
        return export(name, 0x01, tableIndex);
    }

    public WasmModuleBuilder exportMemory(String name, int memIndex) {
        return export(name, 0x02, memIndex);
    }

    public WasmModuleBuilder exportGlobal(String name, int globalIndex) {
        return export(name, 0x03, globalIndex);
    }

    private WasmModuleBuilder export(String name, int kind, int index) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        name(b, name);
        b.write(kind);
        u32(b, index);
        exports.add(b.toByteArray());
        return this;
    }

    /** Sets the start function. */
    public WasmModuleBuilder start(int funcIndex) {
        start = funcIndex;
        return this;
    }

    // --- segments -----------------------------------------------------------------------------

    /** An active element segment for table 0 at the constant {@code offset} listing function indices. */
    public WasmModuleBuilder activeElements(int offset, int... funcIndices) {
        return activeElementsAt(0, i32Const(offset), funcIndices);
    }

    /**
     * An active element segment for {@code tableIndex}; {@code offsetExpr} is the raw constant
     * expression (e.g. {@code I32_CONST, <sleb>} or {@code GLOBAL_GET, idx}).
     */
    public WasmModuleBuilder activeElementsAt(int tableIndex, int[] offsetExpr, int... funcIndices) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (tableIndex == 0) {
            u32(b, 0);
            raw(b, offsetExpr);
            b.write(END);
        } else {
            u32(b, 2);
            u32(b, tableIndex);
            raw(b, offsetExpr);
            b.write(END);
            b.write(0x00); // elemkind funcref
        }
        u32(b, funcIndices.length);
        for (int f : funcIndices) {
            u32(b, f);
        }
        elements.add(b.toByteArray());
        return this;
    }


    /** A passive element segment of function indices; returns the element segment index. */
    public int passiveElements(int... funcIndices) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, 1);
        b.write(0x00);
        u32(b, funcIndices.length);
        for (int f : funcIndices) {
            u32(b, f);
        }
        elements.add(b.toByteArray());
        return elements.size() - 1;
    }

    /** A declarative element segment (makes functions referencable by {@code ref.func}). */
    public int declarativeElements(int... funcIndices) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, 3);
        b.write(0x00);
        u32(b, funcIndices.length);
        for (int f : funcIndices) {
            u32(b, f);
        }
        elements.add(b.toByteArray());
        return elements.size() - 1;
    }

    /**
     * A passive element segment of element expressions (each raw, without {@code end}), e.g.
     * {@code {REF_NULL, FUNCREF}} or {@code {REF_FUNC, 3}}.
     */
    public int passiveElementExprs(byte elemType, int[]... exprs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, 5);
        b.write(elemType);
        u32(b, exprs.length);
        for (int[] e : exprs) {
            raw(b, e);
            b.write(END);
        }
        elements.add(b.toByteArray());
        return elements.size() - 1;
    }

    /** An active data segment for memory 0 at the constant i32 {@code offset}. */
    public WasmModuleBuilder activeData(int offset, byte[] bytes) {
        return activeData(i32Const(offset), bytes);
    }

    /** An active data segment for memory 0 at the raw constant expression {@code offsetExpr}. */
    public WasmModuleBuilder activeData(int[] offsetExpr, byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, 0);
        raw(b, offsetExpr);
        b.write(END);
        u32(b, bytes.length);
        b.writeBytes(bytes);
        datas.add(b.toByteArray());
        return this;
    }

    /** A passive data segment; returns its index. Also emits the data count section. */
    public int passiveData(byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, 1);
        u32(b, bytes.length);
        b.writeBytes(bytes);
        datas.add(b.toByteArray());
        dataCount = true;
        return datas.size() - 1;
    }

    /** Emits the data count section (needed by {@code memory.init}/{@code data.drop}). */
    public WasmModuleBuilder dataCount() {
        dataCount = true;
        return this;
    }

    /** Names function {@code funcIndex} (also imported ones) in the name section. */
    public WasmModuleBuilder functionName(int funcIndex, String name) {
        functionNames.put(funcIndex, name);
        return this;
    }

    /** Names global {@code globalIndex} in the name section (extended-name-section subsection 7). */
    public WasmModuleBuilder globalName(int globalIndex, String name) {
        globalNames.put(globalIndex, name);
        return this;
    }

    /** Adds a custom section. */
    public WasmModuleBuilder custom(String name, byte[] content) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        name(b, name);
        b.writeBytes(content);
        customSections.add(b.toByteArray());
        return this;
    }

    // --- encoding -----------------------------------------------------------------------------

    /** The {@code i32.const v} instruction as raw ints (opcode + signed LEB128). */
    public static int[] i32Const(int v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(I32_CONST);
        sleb(b, v);
        return toInts(b.toByteArray());
    }

    /** The {@code i64.const v} instruction as raw ints. */
    public static int[] i64Const(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(I64_CONST);
        sleb(b, v);
        return toInts(b.toByteArray());
    }

    /** The unsigned LEB128 encoding of {@code v} as raw ints. */
    public static int[] uleb(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        u32(b, v);
        return toInts(b.toByteArray());
    }

    /** The signed LEB128 encoding of {@code v} as raw ints. */
    public static int[] sleb(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        sleb(b, v);
        return toInts(b.toByteArray());
    }

    /** Concatenates instruction fragments. */
    public static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int o = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** The binary module. */
    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
        section(out, 1, types);
        if (importCount > 0) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, importCount);
            s.writeBytes(imports.toByteArray());
            section(out, 2, s.toByteArray());
        }
        if (!functions.isEmpty()) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, functions.size());
            for (FunctionBuilder f : functions) {
                u32(s, f.typeIndex);
            }
            section(out, 3, s.toByteArray());
        }
        section(out, 4, tables);
        section(out, 5, memories);
        section(out, 6, globals);
        section(out, 7, exports);
        if (start != null) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, start);
            section(out, 8, s.toByteArray());
        }
        section(out, 9, elements);
        if (dataCount) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            u32(s, datas.size());
            section(out, 12, s.toByteArray());
        }
        if (!functions.isEmpty()) {
            List<byte[]> bodies = new ArrayList<>();
            for (FunctionBuilder f : functions) {
                bodies.add(f.encode());
            }
            section(out, 10, bodies);
        }
        section(out, 11, datas);
        if (!functionNames.isEmpty() || !globalNames.isEmpty()) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            name(s, "name");
            nameMap(s, 1, functionNames);
            nameMap(s, 7, globalNames);
            section(out, 0, s.toByteArray());
        }
        for (byte[] c : customSections) {
            section(out, 0, c);
        }
        return out.toByteArray();
    }

    private static void nameMap(ByteArrayOutputStream s, int subsection, Map<Integer, String> names) {
        if (names.isEmpty()) {
            return;
        }
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        u32(m, names.size());
        names.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            u32(m, e.getKey());
            name(m, e.getValue());
        });
        s.write(subsection);
        u32(s, m.size());
        s.writeBytes(m.toByteArray());
    }

    private static void section(ByteArrayOutputStream out, int id, List<byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        u32(s, entries.size());
        for (byte[] e : entries) {
            s.writeBytes(e);
        }
        section(out, id, s.toByteArray());
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        u32(out, content.length);
        out.writeBytes(content);
    }

    private static void limits(ByteArrayOutputStream b, long min, long max) {
        if (max < 0) {
            b.write(0x00);
            u32(b, min);
        } else {
            b.write(0x01);
            u32(b, min);
            u32(b, max);
        }
    }

    private static void vec(ByteArrayOutputStream b, byte[] items) {
        u32(b, items.length);
        b.writeBytes(items);
    }

    private static void name(ByteArrayOutputStream b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(b, utf8.length);
        b.writeBytes(utf8);
    }

    private static void raw(ByteArrayOutputStream b, int[] bytes) {
        for (int x : bytes) {
            b.write(x);
        }
    }

    private static int[] toInts(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xFF;
        }
        return out;
    }

    /** Writes {@code v} as unsigned LEB128. */
    static void u32(ByteArrayOutputStream b, long v) {
        do {
            int bits = (int) (v & 0x7F);
            v >>>= 7;
            b.write(v != 0 ? bits | 0x80 : bits);
        } while (v != 0);
    }

    /** Writes {@code v} as signed LEB128. */
    static void sleb(ByteArrayOutputStream b, long v) {
        while (true) {
            int bits = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (bits & 0x40) == 0) || (v == -1 && (bits & 0x40) != 0);
            b.write(done ? bits : bits | 0x80);
            if (done) {
                return;
            }
        }
    }

    /** Builds one function: locals and body bytes. */
    public final class FunctionBuilder {
        private final int index;
        private final int typeIndex;
        private final List<int[]> localGroups = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private FunctionBuilder(int index, int typeIndex) {
            this.index = index;
            this.typeIndex = typeIndex;
        }

        /** This function's index in the function index space. */
        public int index() {
            return index;
        }

        /** Declares {@code count} locals of {@code valueType}. */
        public FunctionBuilder locals(int count, byte valueType) {
            localGroups.add(new int[] {count, valueType});
            return this;
        }

        /** Appends raw instruction bytes (each int is one byte). */
        public FunctionBuilder code(int... bytes) {
            raw(body, bytes);
            return this;
        }

        /** Appends {@code i32.const v}. */
        public FunctionBuilder i32Const(int v) {
            return code(WasmModuleBuilder.i32Const(v));
        }

        /** Appends {@code i64.const v}. */
        public FunctionBuilder i64Const(long v) {
            return code(WasmModuleBuilder.i64Const(v));
        }

        /** Appends {@code local.get i}. */
        public FunctionBuilder localGet(int i) {
            code(LOCAL_GET);
            u32(body, i);
            return this;
        }

        /** Appends {@code local.set i}. */
        public FunctionBuilder localSet(int i) {
            code(LOCAL_SET);
            u32(body, i);
            return this;
        }

        /** Appends {@code global.get i}. */
        public FunctionBuilder globalGet(int i) {
            code(GLOBAL_GET);
            u32(body, i);
            return this;
        }

        /** Appends {@code global.set i}. */
        public FunctionBuilder globalSet(int i) {
            code(GLOBAL_SET);
            u32(body, i);
            return this;
        }

        /** Appends {@code call f}. */
        public FunctionBuilder call(int funcIndex) {
            code(CALL);
            u32(body, funcIndex);
            return this;
        }

        /** Appends {@code call_indirect typeIndex tableIndex}. */
        public FunctionBuilder callIndirect(int typeIndex, int tableIndex) {
            code(CALL_INDIRECT);
            u32(body, typeIndex);
            u32(body, tableIndex);
            return this;
        }

        /** Exports this function under {@code name}. */
        public FunctionBuilder export(String name) {
            exportFunction(name, index);
            return this;
        }

        /** Finishes the function and returns the module builder. */
        public WasmModuleBuilder end() {
            return WasmModuleBuilder.this;
        }

        private byte[] encode() {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            u32(f, localGroups.size());
            for (int[] g : localGroups) {
                u32(f, g[0]);
                f.write(g[1]);
            }
            f.writeBytes(body.toByteArray());
            f.write(END);
            ByteArrayOutputStream sized = new ByteArrayOutputStream();
            u32(sized, f.size());
            sized.writeBytes(f.toByteArray());
            return sized.toByteArray();
        }
    }
}
