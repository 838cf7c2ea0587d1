package dev.wasmjar.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A WebAssembly linear memory: a little-endian {@code byte[]} that grows in 64 KiB pages.
 *
 * <p>Generated code reads {@link #buffer()} into a local and accesses it through the
 * little-endian {@code VarHandle} views below; it reloads the buffer after every call and
 * {@code memory.grow}, because growing replaces the array. The JVM limits an array to just
 * under 2 GiB, so a memory never exceeds {@link #MAX_PAGES} pages, whatever the module says.
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The most pages a JVM byte array can hold. */
    public static final int MAX_PAGES = 32767;

    /** Little-endian views of a {@code byte[]}, used by generated code and hosts. */
    public static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buffer;
    private final int maximumPages;
    private final boolean hasMaximum;

    /**
     * A memory of {@code initialPages} pages that may grow to {@code maximumPages}
     * ({@code -1}: no maximum declared), capped at {@code capPages} (the embedder's limit).
     */
    public Memory(int initialPages, int maximumPages, int capPages) {
        if (initialPages < 0 || initialPages > Math.min(MAX_PAGES, capPages)) {
            throw new Trap(TrapKind.OUT_OF_MEMORY,
                    "memory of " + Integer.toUnsignedString(initialPages) + " pages exceeds the limit of "
                            + Math.min(MAX_PAGES, capPages) + " pages");
        }
        this.hasMaximum = maximumPages >= 0;
        int max = hasMaximum ? maximumPages : MAX_PAGES;
        this.maximumPages = Math.min(Math.min(max, MAX_PAGES), capPages);
        this.buffer = new byte[initialPages * PAGE_SIZE];
    }

    /** A memory with no cap other than the JVM's. */
    public Memory(int initialPages, int maximumPages) {
        this(initialPages, maximumPages, MAX_PAGES);
    }

    /** The current backing array. Replaced by {@link #grow(int)}: do not keep it across calls into wasm. */
    public byte[] buffer() {
        return buffer;
    }

    /** Current size in pages. */
    public int pages() {
        return buffer.length / PAGE_SIZE;
    }

    /** The declared maximum in pages, or -1 when the module declared none. */
    public int declaredMaximum() {
        return hasMaximum ? maximumPages : -1;
    }

    /** The most pages this memory may grow to (declared maximum and caps applied). */
    public int maximumPages() {
        return maximumPages;
    }

    /** {@code memory.grow}: returns the old size in pages, or -1 if it cannot grow by {@code delta} (unsigned). */
    public int grow(int delta) {
        int old = pages();
        if (delta == 0) {
            return old;
        }
        long target = (long) old + Integer.toUnsignedLong(delta);
        if (target > maximumPages) {
            return -1;
        }
        try {
            buffer = Arrays.copyOf(buffer, (int) target * PAGE_SIZE);
        } catch (OutOfMemoryError e) {
            return -1;
        }
        return old;
    }

    /** {@code memory.fill}: traps if the range is out of bounds. */
    public void fill(int dst, int value, int len) {
        check(dst, len, buffer.length);
        Arrays.fill(buffer, dst, dst + len, (byte) value);
    }

    /** {@code memory.copy} within this memory (overlap-safe). */
    public void copy(int dst, int src, int len) {
        check(dst, len, buffer.length);
        check(src, len, buffer.length);
        System.arraycopy(buffer, src, buffer, dst, len);
    }

    /**
     * {@code memory.init} from a data segment ({@code null}: dropped, i.e. empty).
     */
    public void init(byte[] segment, int dst, int src, int len) {
        int segLen = segment == null ? 0 : segment.length;
        check(src, len, segLen);
        check(dst, len, buffer.length);
        if (len > 0) {
            System.arraycopy(segment, src, buffer, dst, len);
        }
    }

    /** Traps unless {@code [start, start+len)} (both unsigned) lies within {@code [0, limit)}. */
    public static void check(int start, int len, int limit) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(len) > limit) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
    }

    // --- host access -----------------------------------------------------------------------

    public byte readByte(int addr) {
        check(addr, 1, buffer.length);
        return buffer[addr];
    }

    public void writeByte(int addr, byte v) {
        check(addr, 1, buffer.length);
        buffer[addr] = v;
    }

    public short readShort(int addr) {
        check(addr, 2, buffer.length);
        return (short) SHORT.get(buffer, addr);
    }

    public void writeShort(int addr, short v) {
        check(addr, 2, buffer.length);
        SHORT.set(buffer, addr, v);
    }

    public int readInt(int addr) {
        check(addr, 4, buffer.length);
        return (int) INT.get(buffer, addr);
    }

    public void writeInt(int addr, int v) {
        check(addr, 4, buffer.length);
        INT.set(buffer, addr, v);
    }

    public long readLong(int addr) {
        check(addr, 8, buffer.length);
        return (long) LONG.get(buffer, addr);
    }

    public void writeLong(int addr, long v) {
        check(addr, 8, buffer.length);
        LONG.set(buffer, addr, v);
    }

    public byte[] readBytes(int addr, int len) {
        check(addr, len, buffer.length);
        return Arrays.copyOfRange(buffer, addr, addr + len);
    }

    public void writeBytes(int addr, byte[] data) {
        writeBytes(addr, data, 0, data.length);
    }

    public void writeBytes(int addr, byte[] data, int off, int len) {
        check(addr, len, buffer.length);
        System.arraycopy(data, off, buffer, addr, len);
    }

    /** Reads {@code len} bytes at {@code addr} as UTF-8. */
    public String readString(int addr, int len) {
        check(addr, len, buffer.length);
        return new String(buffer, addr, len, java.nio.charset.StandardCharsets.UTF_8);
    }
}
