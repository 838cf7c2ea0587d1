package dev.wasmjar.runtime.internal;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Global;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.LinkException;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Table;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Support for the instance classes the compiler generates: import linking, function
 * references and segment decoding. Not an API for hosts: generated code calls these static
 * methods so that the logic lives in one place instead of being emitted as bytecode into every
 * module.
 */
public final class InstanceSupport {
    private InstanceSupport() {
    }

    // --- import linking ------------------------------------------------------------------------
    // Each method resolves one import, checks it against the module's declaration and returns
    // it, or records a one-line problem and returns null, so that instantiation reports every
    // problem at once (see throwIfProblems).

    /** Resolves and checks an imported function of type {@code type}. */
    public static WasmFunction importFunction(Imports imports, String module, String name, FunctionType type,
            List<String> problems) {
        Object v = imports.resolve(module, name);
        if (v == null) {
            problems.add(module + "/" + name + ": missing function " + type);
            return null;
        }
        if (!(v instanceof WasmFunction)) {
            problems.add(module + "/" + name + ": expected function " + type + ", got " + describe(v));
            return null;
        }
        WasmFunction f = (WasmFunction) v;
        if (f.type() != type) {
            problems.add(module + "/" + name + ": expected function " + type + ", got function " + f.type());
            return null;
        }
        return f;
    }

    /**
     * Resolves and checks an imported memory declared with limits {@code min} and {@code max}
     * pages ({@code max} -1: none). The memory's current size must be at least {@code min};
     * when a maximum is declared the memory must declare one no larger.
     */
    public static Memory importMemory(Imports imports, String module, String name, long min, long max,
            List<String> problems) {
        String expected = "memory " + limits(min, max);
        Object v = imports.resolve(module, name);
        if (v == null) {
            problems.add(module + "/" + name + ": missing " + expected);
            return null;
        }
        if (!(v instanceof Memory)) {
            problems.add(module + "/" + name + ": expected " + expected + ", got " + describe(v));
            return null;
        }
        Memory m = (Memory) v;
        if (!limitsMatch(m.pages(), m.declaredMaximum(), min, max)) {
            problems.add(module + "/" + name + ": expected " + expected + ", got " + describe(v));
            return null;
        }
        return m;
    }

    /** Resolves and checks an imported table (element type and limits, as for memories). */
    public static Table importTable(Imports imports, String module, String name, ValueType elementType, long min,
            long max, List<String> problems) {
        String expected = "table " + limits(min, max) + " " + elementType.wasmName();
        Object v = imports.resolve(module, name);
        if (v == null) {
            problems.add(module + "/" + name + ": missing " + expected);
            return null;
        }
        if (!(v instanceof Table)) {
            problems.add(module + "/" + name + ": expected " + expected + ", got " + describe(v));
            return null;
        }
        Table t = (Table) v;
        if (t.elementType() != elementType || !limitsMatch(t.size(), t.declaredMaximum(), min, max)) {
            problems.add(module + "/" + name + ": expected " + expected + ", got " + describe(v));
            return null;
        }
        return t;
    }

    /** Resolves and checks an imported global (value type and mutability must be equal). */
    public static Global importGlobal(Imports imports, String module, String name, ValueType type, boolean mutable,
            List<String> problems) {
        String expected = "global " + (mutable ? "(mut " + type.wasmName() + ")" : type.wasmName());
        Object v = imports.resolve(module, name);
        if (v == null) {
            problems.add(module + "/" + name + ": missing " + expected);
            return null;
        }
        if (!(v instanceof Global)) {
            problems.add(module + "/" + name + ": expected " + expected + ", got " + describe(v));
            return null;
        }
        Global g = (Global) v;
        if (g.type() != type || g.isMutable() != mutable) {
            problems.add(module + "/" + name + ": expected " + expected + ", got " + describe(v));
            return null;
        }
        return g;
    }

    /** Throws a {@link LinkException} listing every problem, one per line, if there are any. */
    public static void throwIfProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new LinkException(String.join("\n", problems));
        }
    }

    private static boolean limitsMatch(long actualMin, long actualMax, long min, long max) {
        if (actualMin < min) {
            return false;
        }
        if (max < 0) {
            return true;
        }
        return actualMax >= 0 && actualMax <= max;
    }

    private static String limits(long min, long max) {
        return max < 0 ? "{min " + min + "}" : "{min " + min + ", max " + max + "}";
    }

    private static String describe(Object v) {
        if (v instanceof WasmFunction) {
            return "function " + ((WasmFunction) v).type();
        }
        if (v instanceof Memory) {
            Memory m = (Memory) v;
            return "memory " + limits(m.pages(), m.declaredMaximum());
        }
        if (v instanceof Table) {
            Table t = (Table) v;
            return "table " + limits(t.size(), t.declaredMaximum()) + " " + t.elementType().wasmName();
        }
        if (v instanceof Global) {
            Global g = (Global) v;
            return "global " + (g.isMutable() ? "(mut " + g.type().wasmName() + ")" : g.type().wasmName());
        }
        return v.getClass().getName();
    }

    // --- memories and tables -------------------------------------------------------------------

    /**
     * A memory the module defines: as {@link Memory#Memory(int, int, int)}, and if the JVM
     * cannot allocate it, an out-of-memory trap rather than a JVM error.
     */
    public static Memory newMemory(int initialPages, int maximumPages, int capPages) {
        try {
            return new Memory(initialPages, maximumPages, capPages);
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapKind.OUT_OF_MEMORY, "cannot allocate a memory of " + initialPages + " pages", null);
        }
    }

    /** A table the module defines: as {@link Table#Table(ValueType, int, int, Object)}, trapping when it cannot be allocated. */
    public static Table newTable(ValueType elementType, int initial, int maximum, Object init) {
        try {
            return new Table(elementType, initial, maximum, init);
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapKind.OUT_OF_MEMORY, "cannot allocate a table of " + initial + " elements", null);
        }
    }

    // --- functions -----------------------------------------------------------------------------

    /**
     * The function value of a function defined by {@code instance}: {@code code} gives, by
     * function index, its entry method (a static method whose last parameter is the instance,
     * which turns a stack overflow or an out-of-memory error into a trap: every entry from Java
     * into wasm goes through a function value, see Trap.callStackExhausted and Trap.outOfMemory);
     * {@code type} is the text form of its {@link FunctionType}. The method handle is made when
     * first needed (see {@link WasmFunction#ofInstance(FunctionType, java.util.function.Supplier,
     * Object, int)}).
     */
    public static WasmFunction functionRef(IntFunction<MethodHandle> code, String type, int index, Instance instance) {
        return WasmFunction.ofInstance(FunctionType.parse(type), new EntryHandle(code, index, instance), instance, index);
    }

    /** Makes the handle of a function value: its entry method bound to the instance. */
    private static final class EntryHandle implements Supplier<MethodHandle> {
        private final IntFunction<MethodHandle> code;
        private final int index;
        private final Instance instance;

        EntryHandle(IntFunction<MethodHandle> code, int index, Instance instance) {
            this.code = code;
            this.index = index;
            this.instance = instance;
        }

        @Override
        public MethodHandle get() {
            MethodHandle entry = code.apply(index);
            return MethodHandles.insertArguments(entry, entry.type().parameterCount() - 1, instance);
        }
    }

    /**
     * Decodes function indices packed two chars per index (high 16 bits first; {@code 0xFFFF
     * 0xFFFF}, i.e. -1, for a null reference), as generated code stores element segments.
     */
    public static int[] decodeIndices(String[] chunks) {
        int n = 0;
        for (String c : chunks) {
            n += c.length() / 2;
        }
        int[] out = new int[n];
        int o = 0;
        for (String c : chunks) {
            for (int i = 0; i < c.length(); i += 2) {
                out[o++] = (c.charAt(i) << 16) | c.charAt(i + 1);
            }
        }
        return out;
    }

    // --- data ----------------------------------------------------------------------------------

    /**
     * Decodes a data segment stored as string constants of chars 0-255 (ISO-8859-1), as
     * generated code stores them.
     */
    public static byte[] decodeBytes(int length, String[] chunks) {
        byte[] out = new byte[length];
        int o = 0;
        for (String c : chunks) {
            byte[] part = c.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            System.arraycopy(part, 0, out, o, part.length);
            o += part.length;
        }
        if (o != length) {
            throw new IllegalStateException("data segment of " + o + " bytes, expected " + length);
        }
        return out;
    }
}
