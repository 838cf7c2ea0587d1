package dev.wasmjar.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Runs one program once on one engine in a fresh JVM and prints the peak Java heap it used:
 * the sum over heap pools of their peak usage since preparation (compilation) finished, plus GC
 * counts. Run by the suite as a separate process, so nothing else shares the heap.
 *
 * <p>Output, one {@code key value} per line: {@code peakHeapBytes}, {@code gcCount},
 * {@code gcMillis}, {@code stdout} (first line of the program's output).
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static void main(String[] args) {
        Engine engine = Engine.byId(args[0]);
        String program = args[1];
        Corpus corpus = Corpus.locate().orElseThrow(() -> new IllegalStateException("corpus not found"));
        GuestProgram p = engine.prepare(corpus, program);
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
        for (MemoryPoolMXBean pool : pools) {
            pool.resetPeakUsage();
        }
        long gcCount0 = gcCount();
        long gcMillis0 = gcMillis();
        Outcome o = p.run(List.of(args).subList(2, args.length));
        long peak = 0;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peakHeapBytes " + peak);
        System.out.println("gcCount " + (gcCount() - gcCount0));
        System.out.println("gcMillis " + (gcMillis() - gcMillis0));
        System.out.println("exit " + o.exitCode());
        System.out.println("stdout " + o.text().lines().findFirst().orElse(""));
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }
}
