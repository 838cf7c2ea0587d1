package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.WasmFunction;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WasiHostTest {
    private static WasmFunction run(IntSupplier body) {
        try {
            return WasmFunction.of(FunctionType.parse("()->(i32)"), MethodHandles.lookup()
                    .findVirtual(IntSupplier.class, "getAsInt", MethodType.methodType(int.class)).bindTo(body));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A run export that prints {@code text} to stdout, then returns or exits as {@code then} says. */
    private static FakeGuest printer(WasiConfig config, String text, IntSupplier then) {
        FakeGuest[] self = new FakeGuest[1];
        FakeGuest g = new FakeGuest(config, run(() -> {
            FakeGuest me = self[0];
            int out = me.callInt("wasi:cli/stdout", "get-stdout");
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            me.call("wasi:io/streams", "[method]output-stream.blocking-write-and-flush", out, me.put(b), b.length, 0);
            return then.getAsInt();
        }));
        self[0] = g;
        return g;
    }

    @Test
    void runMapsResultsAndExitToCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig cfg = WasiConfig.builder().stdout(out).build();
        assertEquals(0, runIt(printer(cfg, "ok ", () -> 0)));
        assertEquals(1, runIt(printer(cfg, "err ", () -> 1)));
        assertEquals(1, runIt(printer(cfg, "exit1 ", () -> {
            throw new WasiExitException(1);
        })));
        assertEquals(0, runIt(printer(cfg, "exit0", () -> {
            throw new WasiExitException(0);
        })));
        assertEquals("ok err exit1 exit0", out.toString(StandardCharsets.UTF_8));
    }

    private static int runIt(FakeGuest g) {
        return g.host.run(g);
    }

    @Test
    void trapsPropagateAfterStdoutIsFlushed() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        // Buffered: the guest's plain write (no flush) only reaches the sink through the host's final flush.
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(sink, 1 << 16);
        FakeGuest[] self = new FakeGuest[1];
        FakeGuest g = new FakeGuest(WasiConfig.builder().stdout(buffered).build(), run(() -> {
            FakeGuest me = self[0];
            int out = me.callInt("wasi:cli/stdout", "get-stdout");
            byte[] b = "panic: boom\n".getBytes(StandardCharsets.UTF_8);
            me.call("wasi:io/streams", "[method]output-stream.write", out, me.put(b), b.length, 0);
            assertEquals(0, sink.size());
            throw new Trap(TrapKind.UNREACHABLE);
        }));
        self[0] = g;
        Trap t = assertThrows(Trap.class, () -> g.host.run(g));
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals("panic: boom\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void importsCarryTheResolverAndMemoryCap() {
        try (WasiHost host = WasiHost.create(WasiConfig.builder().maxMemoryBytes(10L << 20).build())) {
            Imports imports = host.imports();
            assertEquals(160, imports.maxMemoryPages());
            assertTrue(imports.resolve("wasi:cli/stdout@0.2.0", "get-stdout") instanceof WasmFunction);
            assertTrue(imports.resolve("wasi:cli/stdout@0.2.3", "get-stdout") instanceof WasmFunction);
            assertEquals(null, imports.resolve("wasi:cli/stdout@0.3.0", "get-stdout"));
            assertEquals(null, imports.resolve("env", "get-stdout"));
        }
    }

    @Test
    void callingBeforeBindingTrapsClearly() {
        WasiHost host = WasiHost.create(WasiConfig.builder().build());
        WasmFunction f = (WasmFunction) host.resolver().resolve("wasi:cli/environment@0.2.0", "get-arguments");
        Trap t = assertThrows(Trap.class, () -> f.invoke(0));
        assertTrue(t.getMessage().contains("bound"), t.getMessage());
    }

    @Test
    void anInstanceWithoutEntryPointIsRejected() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        assertThrows(IllegalArgumentException.class, () -> g.host.run(g));
    }

    @Test
    @Timeout(30)
    void hostsRunSideBySideWithoutSharingState() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String word = "guest" + i;
                results.add(pool.submit((Callable<String>) () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    FakeGuest[] self = new FakeGuest[1];
                    FakeGuest g = new FakeGuest(WasiConfig.builder().args(word).stdout(out).build(), run(() -> {
                        FakeGuest me = self[0];
                        me.call("wasi:cli/environment", "get-arguments", FakeGuest.RET);
                        String arg = me.stringAt(me.i32(FakeGuest.RET));
                        int p = me.callInt("wasi:clocks/monotonic-clock", "subscribe-duration", 50_000_000L);
                        me.call("wasi:io/poll", "[method]pollable.block", p);
                        int o = me.callInt("wasi:cli/stdout", "get-stdout");
                        byte[] b = arg.getBytes(StandardCharsets.UTF_8);
                        me.call("wasi:io/streams", "[method]output-stream.write", o, me.put(b), b.length, 0);
                        return 0;
                    }));
                    self[0] = g;
                    assertEquals(0, g.host.run(g));
                    return out.toString(StandardCharsets.UTF_8);
                }));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals("guest" + i, results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
