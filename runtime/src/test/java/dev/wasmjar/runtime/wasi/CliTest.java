package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CliTest {
    private static final int RET = FakeGuest.RET;

    @Test
    void argumentsAreAListOfStrings() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().args("prog", "héllo", "").build());
        g.call("wasi:cli/environment", "get-arguments", RET);
        int base = g.i32(RET);
        assertEquals(3, g.i32(RET + 4));
        assertEquals(0, base % 4, "list elements are 4-aligned");
        assertEquals("prog", g.stringAt(base));
        assertEquals("héllo", g.stringAt(base + 8));
        assertEquals(6, g.i32(base + 12), "length in UTF-8 bytes");
        assertEquals("", g.stringAt(base + 16));
    }

    @Test
    void environmentIsAListOfPairsInOrder() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().env("B", "2").env("A", "x=y").build());
        g.call("wasi:cli/environment", "get-environment", RET);
        int base = g.i32(RET);
        assertEquals(2, g.i32(RET + 4));
        assertEquals("B", g.stringAt(base));
        assertEquals("2", g.stringAt(base + 8));
        assertEquals("A", g.stringAt(base + 16));
        assertEquals("x=y", g.stringAt(base + 24));
    }

    @Test
    void emptyListsNeedNoAllocation() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        g.memory.writeInt(RET + 4, 99);
        g.call("wasi:cli/environment", "get-environment", RET);
        assertEquals(0, g.i32(RET + 4));
    }

    @Test
    void initialCwdIsAnOptionalString() {
        FakeGuest none = new FakeGuest(WasiConfig.builder().build());
        none.memory.writeByte(RET, (byte) 7);
        none.call("wasi:cli/environment", "initial-cwd", RET);
        assertEquals(0, none.u8(RET));

        FakeGuest some = new FakeGuest(WasiConfig.builder().initialCwd("/data").build());
        some.call("wasi:cli/environment", "initial-cwd", RET);
        assertEquals(1, some.u8(RET));
        assertEquals("/data", some.stringAt(RET + 4));
    }

    @Test
    void exitOkIsZeroAndErrIsOne() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        assertEquals(0, assertThrows(WasiExitException.class, () -> g.call("wasi:cli/exit", "exit", 0)).code());
        assertEquals(1, assertThrows(WasiExitException.class, () -> g.call("wasi:cli/exit", "exit", 1)).code());
    }

    @Test
    void stdoutAndStderrAreSeparateAndBinarySafe() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdout(out).stderr(err).build());
        int o = g.callInt("wasi:cli/stdout", "get-stdout");
        int e = g.callInt("wasi:cli/stderr", "get-stderr");
        assertNotEquals(o, e);
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        g.call("wasi:io/streams", "[method]output-stream.blocking-write-and-flush", o, g.put(all), all.length, RET);
        assertEquals(0, g.u8(RET));
        byte[] msg = "oops\n".getBytes(StandardCharsets.UTF_8);
        g.call("wasi:io/streams", "[method]output-stream.write", e, g.put(msg), msg.length, RET);
        assertEquals(0, g.u8(RET));
        assertArrayEquals(all, out.toByteArray());
        assertEquals("oops\n", err.toString(StandardCharsets.UTF_8));
        // Dropping a stdio handle leaves the stream usable through a new handle.
        g.call("wasi:io/streams", "[resource-drop]output-stream", o);
        int o2 = g.callInt("wasi:cli/stdout", "get-stdout");
        g.call("wasi:io/streams", "[method]output-stream.blocking-write-and-flush", o2, g.put(msg), msg.length, RET);
        assertEquals(256 + 5, out.size());
    }

    @Test
    void noTerminalsWhenStdioIsRedirected() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdin(null).stdout(new ByteArrayOutputStream())
                .stderr(new ByteArrayOutputStream()).build());
        for (String which : new String[] {"stdin", "stdout", "stderr"}) {
            g.memory.writeByte(RET, (byte) 9);
            g.call("wasi:cli/terminal-" + which, "get-terminal-" + which, RET);
            assertEquals(0, g.u8(RET), which);
        }
    }
}
