package dev.wasmjar.runtime.wasi;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.WasmFunction;
import dev.wasmjar.runtime.wasi.internal.GuestMemory;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.WasiContext;
import dev.wasmjar.runtime.wasi.internal.WasiInterfaces;
import java.util.Map;

/**
 * A WASI host for one guest instance: supplies the WASI 0.2 imports ({@code wasi:*@0.2.x}) and the
 * preview1 ones ({@code wasi_snapshot_preview1}, and {@code wasi_unstable} for old builds) from
 * one sandbox, binds to the instance's {@code memory} and {@code cabi_realloc} exports, and runs
 * the command. Which WASI a module uses follows from its imports; nothing needs choosing.
 *
 * <pre>{@code
 * try (WasiHost host = WasiHost.create(WasiConfig.builder().args("prog").build())) {
 *     Instance instance = new MyProgram(host.addTo(Imports.builder()).build());
 *     int exitCode = host.run(instance);
 * }
 * }</pre>
 *
 * <p>Hosts share nothing: several may run guests side by side on different threads. A host and
 * its instance are used by one thread at a time. Traps propagate out of {@link #run} as
 * {@link dev.wasmjar.runtime.Trap}s (kind {@code INTERRUPTED} when the thread is interrupted or
 * the configured deadline passes while the guest waits).
 */
public final class WasiHost implements AutoCloseable {
    private static final FunctionType RUN_TYPE = FunctionType.parse("()->(i32)");
    private static final FunctionType START_TYPE = FunctionType.parse("()->()");

    private final WasiConfig config;
    private final WasiContext context;
    private final HostFunctions functions;
    private Instance bound;

    private WasiHost(WasiConfig config) {
        this.config = config;
        this.context = new WasiContext(config);
        this.functions = WasiInterfaces.create(context);
    }

    /** A host for a guest that sees {@code config}. */
    public static WasiHost create(WasiConfig config) {
        return new WasiHost(config);
    }

    /** The resolver that answers every WASI import this host implements. */
    public Imports.Resolver resolver() {
        return functions;
    }

    /** Adds this host's imports and memory cap to {@code builder}; returns it. */
    public Imports.Builder addTo(Imports.Builder builder) {
        return builder.resolver(functions).maxMemoryPages(config.maxMemoryPages());
    }

    /** Imports holding only this host's functions and memory cap. */
    public Imports imports() {
        return addTo(Imports.builder()).build();
    }

    /**
     * Binds to {@code instance}'s exported {@code memory} and (if present) {@code cabi_realloc}.
     * Call after instantiation and before running guest code that uses WASI. A reactor (a module
     * exporting {@code _initialize}, which must run before any other export) is initialised here.
     */
    public void bind(Instance instance) {
        Object mem = instance.exports().get("memory");
        if (!(mem instanceof Memory)) {
            throw new IllegalArgumentException("the instance exports no memory named \"memory\"");
        }
        Object realloc = instance.exports().get("cabi_realloc");
        context.bind(new GuestMemory((Memory) mem,
                realloc instanceof WasmFunction ? (WasmFunction) realloc : null));
        bound = instance;
        try {
            initializeReactor(instance);
        } finally {
            context.flushStdio();
        }
    }

    /**
     * Calls {@code instance}'s {@code _initialize} export (type {@code ()->()}) if it has one: the
     * reactor's initialisation, which must run once before any other export. {@link #bind} does
     * this; call it directly only for an instance that cannot be bound (it exports no memory).
     */
    public static void initializeReactor(Instance instance) {
        Object init = instance.exports().get("_initialize");
        if (init instanceof WasmFunction && ((WasmFunction) init).type() == START_TYPE) {
            try {
                ((WasmFunction) init).handle().invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    /**
     * Runs the command: calls the {@code wasi:cli/run@0.2.x#run} export (or {@code _start} if that
     * is all the instance has), binding first if needed, and returns the exit code: 0 for success,
     * 1 when {@code run} returns {@code err}, the code passed to {@code wasi:cli/exit.exit} (0 or 1),
     * or exactly the code passed to preview1's {@code proc_exit} (0 to 125).
     * Flushes stdout and stderr before returning or throwing.
     */
    public int run(Instance instance) {
        if (bound != instance) {
            bind(instance);
        }
        WasmFunction entry = findEntry(instance);
        Deadline deadline = config.deadline() == null ? null : Deadline.start(config.deadline(), context);
        try {
            if (entry.type() == RUN_TYPE) {
                int result = (int) entry.handle().invokeExact();
                return result == 0 ? 0 : 1;
            }
            entry.handle().invokeExact();
            return 0;
        } catch (WasiExitException e) {
            return e.code();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            if (deadline != null) {
                deadline.cancel();
            }
            context.flushStdio();
        }
    }

    private static WasmFunction findEntry(Instance instance) {
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            String name = e.getKey();
            if (name.startsWith("wasi:cli/run@0.2.") && name.endsWith("#run") && e.getValue() instanceof WasmFunction) {
                WasmFunction f = (WasmFunction) e.getValue();
                if (f.type() != RUN_TYPE) {
                    throw new IllegalArgumentException(name + " has type " + f.type() + ", expected " + RUN_TYPE);
                }
                return f;
            }
        }
        Object start = instance.exports().get("_start");
        if (start instanceof WasmFunction && ((WasmFunction) start).type() == START_TYPE) {
            return (WasmFunction) start;
        }
        throw new IllegalArgumentException("the instance exports neither wasi:cli/run@0.2.0#run nor _start");
    }

    /**
     * Stops the stdin reader thread, closes the files the guest left open and flushes
     * stdout/stderr. The stdio streams themselves stay open, so a reader thread blocked in the
     * embedder's {@code stdin.read} ends only when that read returns: end or close that stream
     * to release it. Nothing else outlives the host; an {@link Instance} holds no resources.
     */
    @Override
    public void close() {
        context.close();
    }

    /** Enforces {@link WasiConfig#deadline()}: waits end at it, and the guest thread is interrupted then. */
    private static final class Deadline {
        private final Thread watchdog;
        private final Thread guest;
        private final WasiContext context;
        private boolean fired;
        private boolean cancelled;

        private Deadline(long atNanos, WasiContext context) {
            this.guest = Thread.currentThread();
            this.context = context;
            context.waiter().setRunDeadline(atNanos);
            this.watchdog = new Thread(() -> watch(atNanos), "wasi-deadline");
            watchdog.setDaemon(true);
        }

        static Deadline start(java.time.Duration d, WasiContext context) {
            long now = System.nanoTime();
            long nanos = d.isNegative() ? 0 : (d.compareTo(java.time.Duration.ofDays(365 * 100)) > 0
                    ? Long.MAX_VALUE / 4 : d.toNanos());
            Deadline dl = new Deadline(now + nanos, context);
            dl.watchdog.start();
            return dl;
        }

        private void watch(long atNanos) {
            synchronized (this) {
                long left;
                while (!cancelled && (left = atNanos - System.nanoTime()) > 0) {
                    try {
                        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!cancelled) {
                    fired = true;
                    // Wakes a guest blocked in WASI; generated code may also poll the flag.
                    guest.interrupt();
                }
            }
        }

        void cancel() {
            synchronized (this) {
                cancelled = true;
                notifyAll();
                if (fired) {
                    // The interrupt was ours, not the caller's: leave the thread as we found it.
                    Thread.interrupted();
                }
            }
            context.waiter().clearRunDeadline();
        }
    }
}
