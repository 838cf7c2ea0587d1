package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@value #CYCLES} instantiate / run / close cycles of one program leave the JVM as they found
 * it: the used heap (after full collections), the live threads, the open file descriptors.
 *
 * <p>The program is TinyGo's {@code echo} (testdata/tinygo), the smallest one that uses the
 * whole stdio path: it reads stdin (so every host starts its stdin pump thread, which must end
 * at end of input), writes stdout and stderr, and exits through {@code wasi:cli/run}. Every
 * other cycle runs under a deadline, which starts a watchdog thread that must end with the run;
 * every cycle preopens a directory. "Close" is {@link dev.wasmjar.runtime.wasi.WasiHost#close};
 * an {@link dev.wasmjar.runtime.Instance} holds nothing to release and is simply dropped.
 */
class CyclesTest {
    static final int CYCLES = 10_000;
    /** Cycles before the baseline is taken: class loading, JIT and caches have settled by then. */
    static final int WARM_UP = 500;
    /**
     * The allowed heap growth from the baseline to the end. A leak of 1 KiB per cycle would
     * grow the heap by 9.3 MiB over the {@value #CYCLES} - {@value #WARM_UP} measured cycles;
     * the bound is a third of that, while the noise of two measurements after full collections
     * is well under 1 MiB.
     */
    static final long MAX_GROWTH_BYTES = 3L << 20;

    private static final Path ECHO = Path.of("..", "testdata", "tinygo", "echo");

    @Test
    void tenThousandCyclesLeaveHeapThreadsAndFilesWhereTheyStarted(@TempDir Path sandbox) throws IOException {
        CompiledModule echo = WasmCompiler.builder().className("cycles.Echo").build()
                .compile(Files.readAllBytes(ECHO.resolve("echo.wasm")));
        byte[] input = Files.readAllBytes(ECHO.resolve("input.txt"));
        String expected = Files.readString(ECHO.resolve("expected.stdout"));

        Set<String> threadsBefore = threadNames();
        long heapBefore = 0;
        int fdsBefore = 0;
        long start = System.nanoTime();
        for (int i = 0; i < CYCLES; i++) {
            if (i == WARM_UP) {
                heapBefore = settledUsedHeap();
                fdsBefore = openFileDescriptors();
            }
            boolean withDeadline = i % 2 == 1;
            GuestRun r = GuestRun.of(echo, new ByteArrayInputStream(input), c -> {
                c.args("echo").preopen(sandbox, "/data", false);
                if (withDeadline) {
                    c.deadline(Duration.ofMinutes(5));
                }
            });
            if (r.failure != null || r.exitCode != 0 || !expected.equals(r.out())) {
                assertNull(r.failure, "cycle " + i);
                assertEquals(0, r.exitCode, "cycle " + i);
                assertEquals(expected, r.out(), "cycle " + i);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long heapAfter = settledUsedHeap();
        int fdsAfter = openFileDescriptors();
        Set<String> leftOver = threadsLeftOverFrom(threadsBefore);
        System.out.printf("CyclesTest: %d cycles in %d ms; used heap after cycle %d: %d KiB, at the end: %d KiB;"
                + " open fds %d -> %d%n", CYCLES, ms, WARM_UP, heapBefore >> 10, heapAfter >> 10, fdsBefore, fdsAfter);

        assertTrue(heapAfter - heapBefore < MAX_GROWTH_BYTES,
                "the heap grew by " + ((heapAfter - heapBefore) >> 10) + " KiB");
        assertEquals(Set.of(), leftOver, "threads started by the cycles and still alive");
        assertTrue(fdsAfter - fdsBefore < 20, "open file descriptors " + fdsBefore + " -> " + fdsAfter);
    }

    /** Used heap after full collections: the least of a few readings, each after {@code System.gc()}. */
    static long settledUsedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            sleep(50);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Live threads not in {@code before}, waiting up to 10 s for threads that are just ending. */
    static Set<String> threadsLeftOverFrom(Set<String> before) {
        Set<String> left = Set.of();
        for (int i = 0; i < 100; i++) {
            left = new TreeSet<>(threadNames());
            left.removeAll(before);
            if (left.isEmpty()) {
                break;
            }
            sleep(100);
        }
        return left;
    }

    static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.getId())
                .collect(Collectors.toSet());
    }

    /** The process's open file descriptors (Linux {@code /proc/self/fd}; 0 where there is none). */
    static int openFileDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return (int) s.count();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
