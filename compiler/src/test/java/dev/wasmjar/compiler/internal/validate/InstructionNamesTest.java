package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.types.OpCode;
import org.junit.jupiter.api.Test;

class InstructionNamesTest {

    @Test
    void textFormatNames() {
        assertEquals("i32.add", InstructionNames.of(OpCode.I32_ADD));
        assertEquals("i64.trunc_sat_f64_u", InstructionNames.of(OpCode.I64_TRUNC_SAT_F64_U));
        assertEquals("local.get", InstructionNames.of(OpCode.LOCAL_GET));
        assertEquals("memory.init", InstructionNames.of(OpCode.MEMORY_INIT));
        assertEquals("br_table", InstructionNames.of(OpCode.BR_TABLE));
        assertEquals("call_indirect", InstructionNames.of(OpCode.CALL_INDIRECT));
        assertEquals("select", InstructionNames.of(OpCode.SELECT_T));
        assertEquals("i8x16.extract_lane_s", InstructionNames.of(OpCode.I8x16_EXTRACT_LANE_S));
        assertEquals("v128.load", InstructionNames.of(OpCode.V128_LOAD));
    }
}
