package dev.wasmjar.compiler.internal.facade;

import dev.wasmjar.runtime.FunctionType;
import java.util.Objects;

/**
 * One export of a core module as the facade generator sees it: its wasm name, what kind of
 * thing it is, and (for functions) its type. Independent of the parser so the generator can be
 * driven from hand-written lists.
 *
 * @param name the export name, exactly as in the module (any string)
 * @param kind function, memory, table or global
 * @param type the function type, or {@code null} for the other kinds
 */
public record ModuleExport(String name, Kind kind, FunctionType type) {
    /** What an export is. */
    public enum Kind {
        FUNCTION,
        MEMORY,
        TABLE,
        GLOBAL
    }

    public ModuleExport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.FUNCTION) != (type != null)) {
            throw new IllegalArgumentException("a function export needs a type, other exports none: " + name);
        }
    }

    /** A function export of type {@code type}, e.g. {@code function("add", "(i32 i32)->(i32)")}. */
    public static ModuleExport function(String name, String type) {
        return new ModuleExport(name, Kind.FUNCTION, FunctionType.parse(type));
    }

    /** A memory, table or global export. */
    public static ModuleExport of(String name, Kind kind) {
        return new ModuleExport(name, kind, null);
    }
}
