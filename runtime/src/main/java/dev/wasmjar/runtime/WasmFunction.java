package dev.wasmjar.runtime;

import java.lang.invoke.MethodHandle;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A WebAssembly function value: an export of an instance, an import supplied by the host, or a
 * {@code funcref} element of a table.
 *
 * <p>{@link #handle()} has exactly the JVM type {@link FunctionType#methodType()} of
 * {@link #type()} and is what generated code invokes.
 */
public final class WasmFunction {
    private final FunctionType type;
    /** The handle, or {@code null} until {@link #pending} has made it. */
    private volatile MethodHandle handle;
    /** What makes the handle on first use, or {@code null} once it is made (or was given). */
    private Supplier<MethodHandle> pending;
    private final Object owner;
    private final int index;

    private WasmFunction(FunctionType type, MethodHandle handle, Supplier<MethodHandle> pending, Object owner,
                         int index) {
        this.type = Objects.requireNonNull(type, "type");
        this.handle = handle;
        this.pending = pending;
        this.owner = owner;
        this.index = index;
    }

    /**
     * A function implemented by {@code handle}, which must be convertible (by
     * {@link MethodHandle#asType}) to {@code type.methodType()}.
     */
    public static WasmFunction of(FunctionType type, MethodHandle handle) {
        return new WasmFunction(type, handle.asType(type.methodType()), null, null, -1);
    }

    /**
     * A function defined by wasm code: {@code owner} is the instance that defines it and
     * {@code index} its function index there, so generated code can call it directly.
     */
    public static WasmFunction ofInstance(FunctionType type, MethodHandle handle, Object owner, int index) {
        return new WasmFunction(type, handle.asType(type.methodType()), null, owner, index);
    }

    /**
     * As {@link #ofInstance(FunctionType, MethodHandle, Object, int)}, with the handle made by
     * {@code handle} when {@link #handle()} is first called. Generated code makes every function
     * value it needs (table elements among them) this way: calls from wasm to a function of the
     * same instance never use the handle, and building method handles for hundreds of table
     * elements dominated a first instantiation.
     */
    public static WasmFunction ofInstance(FunctionType type, Supplier<MethodHandle> handle, Object owner, int index) {
        return new WasmFunction(type, null, Objects.requireNonNull(handle, "handle"), owner, index);
    }

    public FunctionType type() {
        return type;
    }

    public MethodHandle handle() {
        MethodHandle h = handle;
        return h != null ? h : makeHandle();
    }

    private synchronized MethodHandle makeHandle() {
        MethodHandle h = handle;
        if (h == null) {
            h = pending.get().asType(type.methodType());
            handle = h;
            pending = null;
        }
        return h;
    }

    /** The instance that defines this function, or {@code null} for a host function. */
    public Object owner() {
        return owner;
    }

    /** The function index in {@link #owner()}, or -1 for a host function. */
    public int index() {
        return index;
    }

    /**
     * Calls the function with boxed arguments ({@code Integer} for i32, {@code Long} for i64,
     * {@code Float}, {@code Double}, or references). Returns {@code null} for no result, the
     * boxed result, or an {@code Object[]} for several. Convenient, not fast.
     */
    public Object invoke(Object... args) {
        try {
            return handle().invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public String toString() {
        return "WasmFunction" + type;
    }
}
