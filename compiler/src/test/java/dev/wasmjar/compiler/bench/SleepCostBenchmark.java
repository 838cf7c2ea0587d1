package dev.wasmjar.compiler.bench;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.WasmFunction;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures what a sleeping guest costs: a compiled guest calls the WASI 0.2 imports TinyGo's
 * {@code time.Sleep} uses ({@code monotonic-clock.subscribe-duration}, then
 * {@code pollable.block}, here also dropping the pollable) — once for 2 s, and 1 000 times for
 * 1 ms. Prints CPU time of the whole process during the 2 s sleep and the mean overshoot of the
 * 1 ms sleeps. A benchmark, not part of the normal build: run it with
 * {@code mvn -B -pl compiler -am test -Dgroups=benchmark -Dwasmjar.excludedGroups=none -Dtest=SleepCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class SleepCostBenchmark {

    /** A guest exporting {@code sleep(nanos i64, count i32)}: sleeps {@code count} times. */
    private static byte[] sleeperModule() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int subscribe = b.importFunction("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration", types(I64), types(I32));
        int block = b.importFunction("wasi:io/poll@0.2.0", "[method]pollable.block", types(I32), types());
        int drop = b.importFunction("wasi:io/poll@0.2.0", "[resource-drop]pollable", types(I32), types());
        b.exportMemory("memory", b.memory(1, -1));
        // locals: 0 = nanos, 1 = count, 2 = pollable
        b.function("sleep", types(I64, I32), types()).locals(1, I32)
                .code(BLOCK, EMPTY_BLOCK, LOOP, EMPTY_BLOCK)
                .localGet(1).code(I32_EQZ, BR_IF, 1)
                .localGet(0).call(subscribe).code(LOCAL_TEE, 2).call(block)
                .localGet(2).call(drop)
                .localGet(1).i32Const(1).code(I32_SUB).localSet(1)
                .code(BR, 0, END, END)
                .export("sleep")
                .end();
        return b.build();
    }

    @Test
    void sleepCostAndOvershoot() throws Throwable {
        var compiled = WasmCompiler.builder().className("bench.Sleeper").build().compile(sleeperModule());
        try (WasiHost host = WasiHost.create(WasiConfig.builder().build())) {
            Instance instance = compiled.instantiate(host.imports());
            host.bind(instance);
            WasmFunction sleep = instance.function("sleep");
            sleep.handle().invokeExact(1_000_000L, 10); // warm up the call path

            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            sleep.handle().invokeExact(2_000_000_000L, 1);
            long wall = System.nanoTime() - t0;
            long cpu = os.getProcessCpuTime() - cpu0;
            System.out.printf("sleep 2 s: wall %.1f ms, process CPU %.1f ms (%.2f %% of one core)%n",
                    wall / 1e6, cpu / 1e6, 100.0 * cpu / wall);

            long t1 = System.nanoTime();
            sleep.handle().invokeExact(1_000_000L, 1000);
            long total = System.nanoTime() - t1;
            double overshootUs = (total / 1000.0 - 1_000_000) / 1000.0;
            System.out.printf("1000 x sleep 1 ms: total %.1f ms, mean overshoot %.1f us%n", total / 1e6, overshootUs);

            assertTrue(wall >= 2_000_000_000L, "slept the full 2 s");
            assertTrue(overshootUs >= 0, "never wakes early");
        }
    }
}
