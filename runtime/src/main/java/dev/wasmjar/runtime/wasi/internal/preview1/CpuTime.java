package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.wasi.MonotonicClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The process and thread CPU-time clocks: the guest thread's CPU time (a guest runs on one
 * thread, so both are the same), or the monotonic clock where the JVM cannot measure CPU time.
 * Either way the clock advances while the guest computes, which calibrating benchmarks
 * (coremark) depend on. The management bean is loaded on first use only.
 */
final class CpuTime {
    private CpuTime() {
    }

    static long nanos(MonotonicClock fallback) {
        ThreadMXBean bean = Holder.BEAN;
        if (bean != null) {
            long t = bean.getCurrentThreadCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return fallback.nanoTime();
    }

    private static final class Holder {
        static final ThreadMXBean BEAN = load();

        private static ThreadMXBean load() {
            try {
                ThreadMXBean b = ManagementFactory.getThreadMXBean();
                return b.isCurrentThreadCpuTimeSupported() ? b : null;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
