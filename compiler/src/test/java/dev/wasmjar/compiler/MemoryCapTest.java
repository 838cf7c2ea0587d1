package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.WasmFunction;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A guest that grows its memory until it cannot sees {@code memory.grow} fail (-1; malloc
 * returning NULL) at the configured cap, and finishes normally; no {@link OutOfMemoryError}
 * escapes, and the JVM goes on working. A cap beyond what the JVM heap can hold is tried in a
 * child JVM with a small heap ({@link GrowBeyondTheHeap}), since this JVM's heap is the
 * machine's to size.
 */
class MemoryCapTest {
    static final Pattern WASI_0_2_GROW = Pattern.compile(
            "grow: started at (\\d+) pages; growing by 16 failed at (\\d+) pages; final size (\\d+) pages\n");
    static final Pattern PREVIEW1_GROW = Pattern.compile(
            "grow: started at (\\d+) pages; malloc\\(1 MiB\\) returned NULL after (\\d+) MiB at (\\d+) pages\n");

    static GuestRun grow(FaultGuests guest, long capBytes) {
        return GuestRun.of(guest.module(), new ByteArrayInputStream(new byte[0]),
                c -> c.args(guest.programName(), "grow").maxMemoryBytes(capBytes));
    }

    static Matcher parse(Pattern p, GuestRun r) {
        assertNull(r.failure, "the guest finishes: " + r.failure);
        assertEquals(0, r.exitCode, r.stderr);
        Matcher m = p.matcher(r.out());
        assertTrue(m.matches(), "the guest's report: " + r.out() + r.stderr);
        return m;
    }

    @Test
    void memoryGrowFailsExactlyAtThePageCap() {
        int cap = 100;
        Matcher m = parse(WASI_0_2_GROW, grow(FaultGuests.WASI_0_2, (long) cap * 65536));
        int start = Integer.parseInt(m.group(1));
        assertEquals(start + (cap - start) / 16 * 16, Integer.parseInt(m.group(2)), "the last 16-page step that fit");
        assertEquals(cap, Integer.parseInt(m.group(3)), "single pages grow right up to the cap, not past it");
        assertJvmStillWorks();
    }

    @Test
    void mallocReturnsNullAtTheByteCap() {
        long cap = (64L << 20) + 12_345; // rounded down to 1024 pages
        Matcher m = parse(PREVIEW1_GROW, grow(FaultGuests.PREVIEW1, cap));
        int mib = Integer.parseInt(m.group(2));
        int pages = Integer.parseInt(m.group(3));
        assertTrue(pages <= 1024, "memory stays under the cap: " + pages + " pages");
        assertTrue(mib >= 60 && mib < 64, "malloc got most of the 64 MiB: " + mib + " MiB");
        assertJvmStillWorks();
    }

    /**
     * In a JVM with a 256 MiB heap, a 4 GiB cap (as good as none: a memory is at most 2 GiB)
     * lets the guest grow until the JVM cannot allocate the larger array; that must be a
     * failed {@code memory.grow}, not an {@link OutOfMemoryError}, and the JVM must then run
     * more guests normally. {@link GrowBeyondTheHeap} does the runs and prints one line each.
     */
    @Test
    void growingPastTheJvmHeapFailsTheGrowNotTheJvm() throws Exception {
        File out = File.createTempFile("wasmjar-grow", ".out");
        try {
            Process p = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + GrowBeyondTheHeap.HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"),
                    GrowBeyondTheHeap.class.getName()))
                    .redirectErrorStream(true).redirectOutput(out).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
            String report = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            System.out.print("MemoryCapTest, child JVM with -Xmx" + GrowBeyondTheHeap.HEAP_MIB + "m:\n" + report);
            assertEquals(0, p.exitValue(), report);
            assertTrue(report.contains(GrowBeyondTheHeap.DONE), report);
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    /** Thrown by the host function of {@link #anOutOfMemoryErrorUnderWasmCodeBecomesATrap}. */
    static void exhaustHeap() {
        throw new OutOfMemoryError("Java heap space (simulated)");
    }

    /**
     * A host function that cannot allocate what the guest asked for (a huge random-bytes
     * buffer, say) throws {@link OutOfMemoryError}; where Java entered wasm it becomes an
     * out-of-memory trap with the wasm backtrace, as a stack overflow becomes a trap.
     */
    @Test
    void anOutOfMemoryErrorUnderWasmCodeBecomesATrap() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int alloc = b.importFunction("env", "alloc", WasmModuleBuilder.types(), WasmModuleBuilder.types());
        int inner = b.function("main.inner", WasmModuleBuilder.types(), WasmModuleBuilder.types())
                .code(WasmModuleBuilder.CALL, alloc).end().lastFunction();
        byte[] wasm = b.function("main.outer", WasmModuleBuilder.types(), WasmModuleBuilder.types())
                .code(WasmModuleBuilder.CALL, inner).export("outer").end().build();
        MethodHandle throwing = MethodHandles.lookup().findStatic(MemoryCapTest.class, "exhaustHeap",
                MethodType.methodType(void.class));
        Instance instance = WasmCompiler.builder().className("oom.HostAlloc").build().compile(wasm)
                .instantiate(Imports.builder().function("env", "alloc",
                        WasmFunction.of(FunctionType.parse("()->()"), throwing)).build());
        Trap trap = assertThrows(Trap.class, () -> instance.function("outer").invoke());
        assertEquals(TrapKind.OUT_OF_MEMORY, trap.kind());
        assertEquals(List.of("main.inner", "main.outer"), trap.wasmBacktrace());
        assertTrue(trap.getCause() instanceof OutOfMemoryError, "the JVM's error is the cause");
    }

    /** Allocation and an ordinary guest run still work after a guest exhausted its memory. */
    static void assertJvmStillWorks() {
        byte[] big = new byte[64 << 20];
        big[big.length - 1] = 1;
        Matcher m = parse(WASI_0_2_GROW, grow(FaultGuests.WASI_0_2, 20L * 65536));
        assertEquals(20, Integer.parseInt(m.group(3)));
    }
}
