package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.Arrays;

/**
 * The canonical-ABI resource table of one WASI host: maps the i32 handles the guest holds to
 * host objects ({@code own} handles; a {@code borrow} is just a lookup of a handle the guest owns,
 * valid for the duration of one call, so it needs no entry of its own).
 *
 * <p>Handles start at 1 (0 is never valid) and the slots of dropped handles are reused, lowest
 * recently-freed first. Growth is bounded by {@code maxLive}: a guest that never drops its
 * resources cannot exhaust the JVM's memory. Because TinyGo 0.33 never drops the pollables it
 * gets from {@code subscribe-duration}, a full table first reclaims entries whose resource says it
 * is {@linkplain Reclaimable#reclaimable() reclaimable} (a clock pollable that is past its deadline
 * and that the guest has already seen ready) before giving up with a trap.
 *
 * <p>Not thread-safe: only the guest thread touches it.
 */
public final class HandleTable {
    /** A resource that may be silently reclaimed when the table is full. */
    public interface Reclaimable {
        /** Whether the guest can no longer observe any difference if this handle vanished. */
        boolean reclaimable();
    }

    /** A resource that wants to know when its handle is dropped (to close files, for example). */
    public interface Droppable {
        /** Called once when the guest drops the handle (not when the entry is reclaimed). */
        void dropped();
    }

    /** The default bound on live handles. */
    public static final int DEFAULT_MAX_LIVE = 1 << 16;

    private Object[] slots = new Object[32];
    private int[] free = new int[16];
    private int freeCount;
    /** The next never-used handle. */
    private int next = 1;
    private int live;
    private final int maxLive;

    public HandleTable(int maxLive) {
        if (maxLive < 1) {
            throw new IllegalArgumentException("maxLive must be positive");
        }
        this.maxLive = maxLive;
    }

    public HandleTable() {
        this(DEFAULT_MAX_LIVE);
    }

    /** Adds {@code resource} and returns its new handle. Traps if the table is full. */
    public int add(Object resource) {
        if (resource == null) {
            throw new NullPointerException("resource");
        }
        if (freeCount == 0 && live >= maxLive && reclaim() == 0) {
            throw new Trap(TrapKind.OUT_OF_MEMORY, "too many live WASI resources (" + live
                    + "): the guest does not drop its handles");
        }
        int h;
        if (freeCount > 0) {
            h = free[--freeCount];
        } else {
            h = next++;
            if (h >= slots.length) {
                slots = Arrays.copyOf(slots, Math.max(h + 1, Math.min(slots.length * 2, maxLive + 1)));
            }
        }
        slots[h] = resource;
        live++;
        return h;
    }

    /**
     * The resource behind {@code handle} (a borrow), which must be a {@code type}; traps for an
     * unknown handle or a handle of another resource type, as the canonical ABI requires.
     */
    public <T> T get(int handle, Class<T> type) {
        Object o = handle > 0 && handle < next ? slots[handle] : null;
        if (!type.isInstance(o)) {
            throw badHandle(handle, type, o);
        }
        return type.cast(o);
    }

    /** Removes {@code handle} (a drop or an ownership transfer to the host) and returns its resource. */
    public <T> T remove(int handle, Class<T> type) {
        T t = get(handle, type);
        release(handle);
        return t;
    }

    /** Drops {@code handle}: removes it and tells a {@link Droppable} resource. */
    public void drop(int handle, Class<?> type) {
        Object o = remove(handle, type);
        if (o instanceof Droppable) {
            ((Droppable) o).dropped();
        }
    }

    /**
     * Drops every live handle, telling each {@link Droppable} resource, as if the guest had
     * dropped them all: the host is done, and files the guest left open must be closed now
     * rather than whenever the garbage collector gets to them.
     */
    public void dropAll() {
        for (int h = 1; h < next; h++) {
            Object o = slots[h];
            if (o != null) {
                release(h);
                if (o instanceof Droppable) {
                    ((Droppable) o).dropped();
                }
            }
        }
    }

    /** How many handles are live. */
    public int size() {
        return live;
    }

    private void release(int handle) {
        slots[handle] = null;
        live--;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = handle;
    }

    /** Frees every reclaimable entry; returns how many. Runs only when the table is full. */
    private int reclaim() {
        int n = 0;
        for (int h = 1; h < next; h++) {
            Object o = slots[h];
            if (o instanceof Reclaimable && ((Reclaimable) o).reclaimable()) {
                release(h);
                n++;
            }
        }
        return n;
    }

    private static Trap badHandle(int handle, Class<?> type, Object found) {
        String what = found == null ? "unknown handle " : "handle of the wrong type ";
        return new Trap(TrapKind.UNREACHABLE, what + Integer.toUnsignedString(handle) + " (expected a "
                + type.getSimpleName() + ")");
    }
}
