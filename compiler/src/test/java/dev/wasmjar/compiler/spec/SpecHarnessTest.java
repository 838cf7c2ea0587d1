package dev.wasmjar.compiler.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.spec.SpecValues.ExternRef;
import dev.wasmjar.compiler.spec.SpecValues.Val;
import dev.wasmjar.runtime.Global;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Table;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests of the spec harness itself: JSON reading, value conversion, {@code spectest}. */
class SpecHarnessTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    @Test
    void readsWast2jsonCommands() {
        Map<String, Object> root = obj("{\"source_filename\": \"a.wast\",\n \"commands\": [\n"
                + "  {\"type\": \"module\", \"line\": 3, \"name\": \"$M1\", \"filename\": \"a.0.wasm\"}, \n"
                + "  {\"type\": \"assert_return\", \"line\": 4, \"action\": {\"type\": \"invoke\", \"field\": \"f\","
                + " \"args\": []}, \"expected\": [{\"type\": \"i32\", \"value\": \"4294967295\"}]}]}");
        List<?> commands = (List<?>) root.get("commands");
        assertEquals(2, commands.size());
        Map<?, ?> m = (Map<?, ?>) commands.get(0);
        assertEquals(3L, m.get("line"));
        assertEquals("$M1", m.get("name"));
    }

    @Test
    void jsonEscapesAndLiterals() {
        assertEquals("a\"b\\c/\n\u00e9\ud83d\ude00", Json.parse("\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\""));
        assertEquals(List.of(true, false, -1L, 2.5), Json.parse(" [true, false, -1, 2.5] "));
        assertNull(Json.parse("null"));
        assertEquals(Map.of(), Json.parse("{}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1 2"));
    }

    @Test
    void argumentsAreBitPatterns() {
        assertEquals(-1, SpecValues.toArg(obj("{\"type\": \"i32\", \"value\": \"4294967295\"}")));
        assertEquals(Long.MIN_VALUE, SpecValues.toArg(obj("{\"type\": \"i64\", \"value\": \"9223372036854775808\"}")));
        Object f = SpecValues.toArg(obj("{\"type\": \"f32\", \"value\": \"2143289345\"}")); // 0x7fc00001
        assertEquals(0x7fc00001, Float.floatToRawIntBits((Float) f));
        Object d = SpecValues.toArg(obj("{\"type\": \"f64\", \"value\": \"9223372036854775808\"}")); // -0.0
        assertEquals(0x8000000000000000L, Double.doubleToRawLongBits((Double) d));
        assertNull(SpecValues.toArg(obj("{\"type\": \"externref\", \"value\": \"null\"}")));
        assertNull(SpecValues.toArg(obj("{\"type\": \"funcref\", \"value\": \"null\"}")));
        assertSame(ExternRef.of(7), SpecValues.toArg(obj("{\"type\": \"externref\", \"value\": \"7\"}")));
    }

    @Test
    void comparesExactBitsAndNanClasses() {
        Val negZero = Val.ofBoxed(ValueType.F32, -0.0f);
        assertNull(SpecValues.mismatch(obj("{\"type\": \"f32\", \"value\": \"2147483648\"}"), negZero));
        assertNotNull(SpecValues.mismatch(obj("{\"type\": \"f32\", \"value\": \"0\"}"), negZero));

        assertTrue(SpecValues.f32Matches("nan:canonical", 0x7fc00000));
        assertTrue(SpecValues.f32Matches("nan:canonical", 0xffc00000));
        assertFalse(SpecValues.f32Matches("nan:canonical", 0x7fc00001));
        assertTrue(SpecValues.f32Matches("nan:arithmetic", 0x7fc00001));
        assertFalse(SpecValues.f32Matches("nan:arithmetic", 0x7fa00000)); // signalling
        assertFalse(SpecValues.f32Matches("nan:arithmetic", 0x7f800000)); // infinity
        assertTrue(SpecValues.f64Matches("nan:canonical", 0xfff8000000000000L));
        assertFalse(SpecValues.f64Matches("nan:canonical", 0x7ff8000000000001L));
        assertTrue(SpecValues.f64Matches("nan:arithmetic", 0x7ffc000000000000L));
        assertFalse(SpecValues.f64Matches("nan:arithmetic", 0x7ff4000000000000L));

        assertNull(SpecValues.mismatch(obj("{\"type\": \"i32\", \"value\": \"4294967295\"}"), Val.ofBoxed(ValueType.I32, -1)));
        assertNotNull(SpecValues.mismatch(obj("{\"type\": \"i64\", \"value\": \"1\"}"), Val.ofBoxed(ValueType.I32, 1)));
        // the wrong Java box is reported, not mistaken for a value
        assertNotNull(SpecValues.mismatch(obj("{\"type\": \"i32\", \"value\": \"1\"}"), Val.ofBoxed(ValueType.I32, 1L)));
    }

    @Test
    void comparesReferences() {
        Map<String, Object> anyFunc = obj("{\"type\": \"funcref\"}");
        Map<String, Object> nullFunc = obj("{\"type\": \"funcref\", \"value\": \"null\"}");
        assertNotNull(SpecValues.mismatch(anyFunc, Val.ofBoxed(ValueType.FUNCREF, null)));
        assertNull(SpecValues.mismatch(nullFunc, Val.ofBoxed(ValueType.FUNCREF, null)));
        Map<String, Object> ext1 = obj("{\"type\": \"externref\", \"value\": \"1\"}");
        assertNull(SpecValues.mismatch(ext1, Val.ofBoxed(ValueType.EXTERNREF, ExternRef.of(1))));
        assertNotNull(SpecValues.mismatch(ext1, Val.ofBoxed(ValueType.EXTERNREF, ExternRef.of(2))));
        assertNotNull(SpecValues.mismatch(ext1, Val.ofBoxed(ValueType.EXTERNREF, null)));
        assertNull(SpecValues.mismatch(obj("{\"type\": \"externref\"}"), Val.ofBoxed(ValueType.EXTERNREF, ExternRef.of(3))));
    }

    @Test
    void comparesV128Lanes() {
        Map<String, Object> v = obj("{\"type\": \"v128\", \"lane_type\": \"i16\", \"value\": [\"1\", \"2\", \"3\", \"4\","
                + " \"5\", \"6\", \"7\", \"65535\"]}");
        byte[] bytes = SpecValues.v128FromJson(v);
        assertEquals(1, bytes[0]);
        assertEquals(-1, bytes[15]);
        assertNull(SpecValues.mismatch(v, Val.ofBoxed(ValueType.V128, bytes)));
        Map<String, Object> nan = obj("{\"type\": \"v128\", \"lane_type\": \"f32\", \"value\": [\"nan:canonical\","
                + " \"0\", \"0\", \"nan:arithmetic\"]}");
        assertNull(SpecValues.mismatch(nan, Val.ofBoxed(ValueType.V128, new int[] {0xffc00000, 0, 0, 0x7fc00123})));
    }

    @Test
    void globalsAreReadAsBits() {
        Global g = new Global(ValueType.F32, false);
        g.setBits(0x7fa00001); // a signalling NaN must not be quietened on the way
        assertNull(SpecValues.mismatch(obj("{\"type\": \"f32\", \"value\": \"" + 0x7fa00001 + "\"}"), Val.ofGlobal(g)));
    }

    @Test
    void spectestHasTheReferenceInterpretersExports() {
        Spectest s = new Spectest();
        Map<String, Object> e = s.exports();
        assertEquals(666, ((Global) e.get("global_i32")).getI32());
        assertEquals(666L, ((Global) e.get("global_i64")).getI64());
        assertEquals(666.6f, ((Global) e.get("global_f32")).getF32());
        assertEquals(666.6, ((Global) e.get("global_f64")).getF64());
        assertFalse(((Global) e.get("global_i32")).isMutable());
        Table t = (Table) e.get("table");
        assertEquals(10, t.size());
        assertEquals(20, t.declaredMaximum());
        assertEquals(ValueType.FUNCREF, t.elementType());
        Memory m = (Memory) e.get("memory");
        assertEquals(1, m.pages());
        assertEquals(2, m.declaredMaximum());
        WasmFunction p = (WasmFunction) e.get("print_i32_f32");
        assertEquals(List.of(ValueType.I32, ValueType.F32), p.type().params());
        assertNull(p.invoke(1, 2.0f));
        assertNull(((WasmFunction) e.get("print")).invoke());

        Imports imports = s.addTo(Imports.builder()).build();
        assertSame(m, imports.resolve("spectest", "memory"));
        assertInstanceOf(WasmFunction.class, imports.resolve("spectest", "print_f64_f64"));
        assertNull(imports.resolve("spectest", "nothing"));
    }

    @Test
    void describesCommandsReadably() {
        Map<String, Object> cmd = obj("{\"type\": \"assert_return\", \"line\": 9, \"action\": {\"type\": \"invoke\","
                + " \"module\": \"$M\", \"field\": \"a\\u0000b\", \"args\": [{\"type\": \"f64\", \"value\": \"0\"}]},"
                + " \"expected\": [{\"type\": \"f32\", \"value\": \"nan:canonical\"}]}");
        assertEquals("assert_return invoke $M \"a\\u0000b\" (f64:0.0 (0x0)) -> (f32:nan:canonical)",
                ScriptRunner.describeCommand(cmd));
        assertEquals("no current module: the module at line N failed",
                SpecSuiteTest.signature("no current module: the module at line 12 failed"));
        assertEquals("expected i32:V, got i32:V", SpecSuiteTest.signature("expected i32:3, got i32:2"));
    }

    @Test
    void trapMessagesMatchByPrefix() {
        assertTrue(ScriptRunner.trapMatches(new Trap(TrapKind.UNINITIALIZED_ELEMENT), "uninitialized element 2"));
        assertTrue(ScriptRunner.trapMatches(new Trap(TrapKind.UNREACHABLE), "unreachable"));
        assertFalse(ScriptRunner.trapMatches(new Trap(TrapKind.UNDEFINED_ELEMENT), "uninitialized element"));
    }
}
