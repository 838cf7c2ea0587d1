package dev.wasmjar.compiler.internal;

/**
 * JVM names of the runtime types that generated code refers to: internal names (for
 * {@code INVOKEVIRTUAL}, {@code CHECKCAST}) and descriptors (for fields and signatures), in one
 * place for the module-level and the function-body generators.
 */
public final class RuntimeNames {
    public static final String MEMORY = "dev/wasmjar/runtime/Memory";
    public static final String MEMORY_DESC = "L" + MEMORY + ";";
    public static final String TABLE = "dev/wasmjar/runtime/Table";
    public static final String TABLE_DESC = "L" + TABLE + ";";
    public static final String GLOBAL = "dev/wasmjar/runtime/Global";
    public static final String GLOBAL_DESC = "L" + GLOBAL + ";";
    public static final String WASM_FUNCTION = "dev/wasmjar/runtime/WasmFunction";
    public static final String WASM_FUNCTION_DESC = "L" + WASM_FUNCTION + ";";
    public static final String V128 = "dev/wasmjar/runtime/V128";
    public static final String V128_DESC = "L" + V128 + ";";

    private RuntimeNames() {
    }
}
