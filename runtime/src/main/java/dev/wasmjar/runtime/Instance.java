package dev.wasmjar.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instantiated WebAssembly module. Every class the compiler generates for a module extends
 * this; its constructor takes the {@link Imports}, links them, initialises memory, tables,
 * globals and segments, and runs the start function.
 *
 * <p>Instances share no state unless the host passes the same memory, table or global to
 * several of them as imports. An instance is not thread-safe: run it on one thread at a time.
 */
public abstract class Instance {
    private final Map<String, Object> exports = new LinkedHashMap<>();

    protected Instance() {
    }

    /** Called by generated constructors to publish an export. */
    protected final void export(String name, Object value) {
        exports.put(name, value);
    }

    /**
     * Every export by name: a {@link WasmFunction}, {@link Memory}, {@link Table} or
     * {@link Global}, in the module's export order.
     */
    public final Map<String, Object> exports() {
        return Collections.unmodifiableMap(exports);
    }

    /** The exported function {@code name}; throws {@link IllegalArgumentException} if there is none. */
    public final WasmFunction function(String name) {
        return exportOf(name, WasmFunction.class);
    }

    /** The exported memory {@code name}. */
    public final Memory memory(String name) {
        return exportOf(name, Memory.class);
    }

    /** The exported table {@code name}. */
    public final Table table(String name) {
        return exportOf(name, Table.class);
    }

    /** The exported global {@code name}. */
    public final Global global(String name) {
        return exportOf(name, Global.class);
    }

    private <T> T exportOf(String name, Class<T> kind) {
        Object v = exports.get(name);
        if (!kind.isInstance(v)) {
            throw new IllegalArgumentException(v == null ? "no export named \"" + name + "\""
                    : "export \"" + name + "\" is not a " + kind.getSimpleName());
        }
        return kind.cast(v);
    }
}
