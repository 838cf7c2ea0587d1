package dev.wasmjar.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import dev.wasmjar.runtime.wasi.WasiExitException;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds wasmjar's WASI 0.2 host to a Chicory instance, so Chicory runs the same core module
 * against the very same host functions as wasmjar and only the execution engine differs.
 *
 * <p>The host works on a {@link dev.wasmjar.runtime.Memory}, Chicory's instance on its own
 * {@code ByteArrayMemory}. Rather than replace Chicory's memory (which would benchmark Chicory
 * with a memory it does not ship), the bridge keeps a <em>shadow</em> wasmjar {@code Memory} and
 * copies the whole linear memory into it before each host call and back after it (and the other
 * way around when the host calls back into the guest's {@code cabi_realloc}). That costs two
 * copies of the guest's memory per host call; the bench programs make a handful of host calls
 * (arguments, stdout), and {@link #stats()} counts them so the report can show the bridge's share.
 *
 * <p>One bridge per run: create it, pass {@link #imports} to Chicory's instance builder, then
 * {@link #run} the instance.
 */
public final class ChicoryWasi {
    private static final String RUN_EXPORT = "wasi:cli/run@0.2.0#run";
    private static final MethodHandle REALLOC;
    private static final MethodHandle RUN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            REALLOC = lookup.findVirtual(ChicoryWasi.class, "realloc",
                    MethodType.methodType(int.class, int.class, int.class, int.class, int.class));
            RUN = lookup.findVirtual(ChicoryWasi.class, "callRun", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WasiHost host;
    private final Memory shadow = new Memory(0, -1);
    private com.dylibso.chicory.runtime.Instance guest;
    private final BridgeStats stats = new BridgeStats();

    /** A bridge to {@code host}, which supplies every WASI import. */
    public ChicoryWasi(WasiHost host) {
        this.host = host;
    }

    /** Chicory import values: every function {@code module} imports, served by the WASI host. */
    public ImportValues imports(WasmModule module) {
        List<ImportFunction> functions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            if (imp.importType() != ExternalType.FUNCTION) {
                missing.add(imp.module() + "#" + imp.name() + " (not a function)");
                continue;
            }
            Object v = host.resolver().resolve(imp.module(), imp.name());
            if (!(v instanceof WasmFunction)) {
                missing.add(imp.module() + "#" + imp.name());
                continue;
            }
            com.dylibso.chicory.wasm.types.FunctionType type =
                    module.typeSection().getType(((FunctionImport) imp).typeIndex());
            HostCall call = new HostCall((WasmFunction) v);
            if (type.params().size() != call.params.length || type.returns().size() != call.results.size()) {
                throw new IllegalArgumentException("signature mismatch for " + imp.module() + "#" + imp.name());
            }
            functions.add(new HostFunction(imp.module(), imp.name(), type, (instance, args) -> call(instance, call, args)));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the WASI host cannot supply " + missing);
        }
        return ImportValues.builder().withFunctions(functions).build();
    }

    /**
     * Runs the command {@code instance} (built with {@link #imports}) through the WASI host:
     * the host binds to a view exporting the shadow memory, a bridged {@code cabi_realloc} and the
     * guest's {@code run}, exactly as it binds to a wasmjar instance. Returns the exit code.
     */
    public int run(com.dylibso.chicory.runtime.Instance instance) {
        this.guest = instance;
        toShadow();
        return host.run(new View());
    }

    /** Host calls and copying done by this bridge so far. */
    public BridgeStats stats() {
        return stats;
    }

    // --- the bridge ---------------------------------------------------------------------------

    private long[] call(com.dylibso.chicory.runtime.Instance instance, HostCall call, long[] args) {
        guest = instance;
        stats.hostCalls++;
        toShadow();
        Object result;
        try {
            result = call.invoke(args);
        } finally {
            // The host may have written results into the shadow, even when it then throws (exit).
            toGuest();
        }
        return call.lowerResult(result);
    }

    /** The guest's {@code cabi_realloc}, called by the host in the middle of a host call. */
    @SuppressWarnings("unused") // through REALLOC
    private int realloc(int oldPtr, int oldSize, int align, int newSize) {
        toGuest();
        long[] r = guest.export("cabi_realloc").apply(oldPtr, oldSize, align, newSize);
        toShadow();
        return (int) r[0];
    }

    @SuppressWarnings("unused") // through RUN
    private int callRun() {
        ExportFunction run = guest.export(RUN_EXPORT);
        try {
            return (int) run.apply()[0];
        } catch (RuntimeException e) {
            // Chicory may wrap what a host function threw; exit must reach WasiHost.run as itself.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof WasiExitException) {
                    throw (WasiExitException) t;
                }
            }
            throw e;
        }
    }

    private void toShadow() {
        long t0 = System.nanoTime();
        com.dylibso.chicory.runtime.Memory m = guest.memory();
        int pages = m.pages();
        if (shadow.pages() < pages && shadow.grow(pages - shadow.pages()) < 0) {
            throw new IllegalStateException("shadow memory cannot grow to " + pages + " pages");
        }
        int size = pages * Memory.PAGE_SIZE;
        byte[] bytes = m.readBytes(0, size);
        System.arraycopy(bytes, 0, shadow.buffer(), 0, size);
        stats.bytesCopied += size;
        stats.copyNanos += System.nanoTime() - t0;
    }

    private void toGuest() {
        long t0 = System.nanoTime();
        com.dylibso.chicory.runtime.Memory m = guest.memory();
        int size = m.pages() * Memory.PAGE_SIZE;
        m.write(0, shadow.buffer(), 0, size);
        stats.bytesCopied += size;
        stats.copyNanos += System.nanoTime() - t0;
    }

    /** What the WASI host binds to in place of a wasmjar instance. */
    private final class View extends Instance {
        View() {
            export("memory", shadow);
            export("cabi_realloc", WasmFunction.of(FunctionType.parse("(i32 i32 i32 i32)->(i32)"), REALLOC.bindTo(ChicoryWasi.this)));
            export(RUN_EXPORT, WasmFunction.of(FunctionType.parse("()->(i32)"), RUN.bindTo(ChicoryWasi.this)));
        }
    }

    /** One host function, called with Chicory's {@code long[]} arguments. */
    private static final class HostCall {
        final ValueType[] params;
        final List<ValueType> results;
        final MethodHandle spread;

        HostCall(WasmFunction f) {
            this.params = f.type().params().toArray(new ValueType[0]);
            this.results = f.type().results();
            this.spread = f.handle().asSpreader(Object[].class, params.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        }

        Object invoke(long[] args) {
            Object[] boxed = new Object[params.length];
            for (int i = 0; i < params.length; i++) {
                boxed[i] = lift(params[i], args[i]);
            }
            try {
                return spread.invokeExact(boxed);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        long[] lowerResult(Object r) {
            if (results.isEmpty()) {
                return null;
            }
            if (results.size() == 1) {
                return new long[] {lower(results.get(0), r)};
            }
            Object[] many = (Object[]) r;
            long[] out = new long[many.length];
            for (int i = 0; i < many.length; i++) {
                out[i] = lower(results.get(i), many[i]);
            }
            return out;
        }

        private static Object lift(ValueType t, long v) {
            switch (t) {
                case I32: return (int) v;
                case I64: return v;
                case F32: return Float.intBitsToFloat((int) v);
                case F64: return Double.longBitsToDouble(v);
                default: throw new UnsupportedOperationException("WASI host parameter of type " + t);
            }
        }

        private static long lower(ValueType t, Object v) {
            switch (t) {
                case I32: return (Integer) v;
                case I64: return (Long) v;
                case F32: return Float.floatToRawIntBits((Float) v);
                case F64: return Double.doubleToRawLongBits((Double) v);
                default: throw new UnsupportedOperationException("WASI host result of type " + t);
            }
        }
    }

    /** Counters of one bridge: host calls made, bytes copied between the two memories, time spent copying. */
    public static final class BridgeStats {
        long hostCalls;
        long bytesCopied;
        long copyNanos;

        public long hostCalls() {
            return hostCalls;
        }

        public long bytesCopied() {
            return bytesCopied;
        }

        public long copyNanos() {
            return copyNanos;
        }
    }
}
