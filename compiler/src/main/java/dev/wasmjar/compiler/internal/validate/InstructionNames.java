package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.OpCode;
import java.util.Locale;

/** Text-format names of opcodes for messages, e.g. {@code i32.add}, {@code local.get}, {@code br_table}. */
final class InstructionNames {
    private static final String[] DOTTED_PREFIXES = {
        "I32_", "I64_", "F32_", "F64_", "V128_", "I8X16_", "I16X8_", "I32X4_", "I64X2_", "F32X4_", "F64X2_",
        "LOCAL_", "GLOBAL_", "TABLE_", "MEMORY_", "REF_", "DATA_", "ELEM_"};

    private InstructionNames() {
    }

    static String of(OpCode op) {
        String name = op.name().toUpperCase(Locale.ROOT);
        if (op == OpCode.SELECT_T) {
            return "select";
        }
        for (String prefix : DOTTED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return (prefix.substring(0, prefix.length() - 1) + "." + name.substring(prefix.length())).toLowerCase(Locale.ROOT);
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
