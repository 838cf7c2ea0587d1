package dev.wasmjar.compiler;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.regex.Matcher;

/**
 * The child JVM of {@link MemoryCapTest#growingPastTheJvmHeapFailsTheGrowNotTheJvm}: started
 * with a {@value #HEAP_MIB} MiB heap, it lets each fault guest grow its memory under a 4 GiB
 * cap, checks that the growth ended below the heap size with the guest finishing normally,
 * that a host allocation too big for the heap (1.5 GiB of random bytes) is an out-of-memory
 * trap, then that allocation and further runs still work. Prints what happened; exits 0 only if all
 * of it held, 1 with the reason (and any throwable's stack trace) otherwise.
 */
final class GrowBeyondTheHeap {
    static final int HEAP_MIB = 256;
    static final String DONE = "all runs finished normally";

    private GrowBeyondTheHeap() {
    }

    public static void main(String[] args) {
        try {
            long heap = Runtime.getRuntime().maxMemory();
            check(heap <= (HEAP_MIB + 64L) << 20, "the heap is small: " + heap);
            for (int round = 0; round < 2; round++) {
                GuestRun r = MemoryCapTest.grow(FaultGuests.WASI_0_2, 4L << 30);
                Matcher m = MemoryCapTest.parse(MemoryCapTest.WASI_0_2_GROW, r);
                long bytes = Long.parseLong(m.group(3)) * 65536;
                check(bytes < heap, "WASI 0.2 guest stopped growing at " + bytes + " bytes");
                System.out.println("round " + round + ": " + r.out().trim());

                r = MemoryCapTest.grow(FaultGuests.PREVIEW1, 4L << 30);
                m = MemoryCapTest.parse(MemoryCapTest.PREVIEW1_GROW, r);
                check(Long.parseLong(m.group(3)) * 65536 < heap, "preview1 guest stopped below the heap size");
                check(Integer.parseInt(m.group(2)) >= 16, "malloc got some memory");
                System.out.println("round " + round + ": " + r.out().trim());
            }
            // A host function's allocation the heap cannot hold: a trap, not an escaped error.
            GuestRun r = GuestRun.of(FaultGuests.WASI_0_2.module(), new java.io.ByteArrayInputStream(new byte[0]),
                    c -> c.args(FaultGuests.WASI_0_2.programName(), "random-huge").maxMemoryBytes(4L << 30));
            check(r.failure instanceof Trap && ((Trap) r.failure).kind() == TrapKind.OUT_OF_MEMORY,
                    "asking for 1.5 GiB of random bytes traps: " + r.failure + " " + r.out());
            MemoryCapTest.assertJvmStillWorks();
            System.out.println(DONE);
            System.exit(0);
        } catch (Throwable t) {
            System.out.println("failed: " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
        System.out.println("ok: " + what);
    }
}
