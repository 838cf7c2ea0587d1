package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;

/**
 * Canonical-ABI access to a guest's linear memory: reads of {@code (ptr, len)} strings and
 * byte lists, allocation through the guest's {@code cabi_realloc} export, and stores into the
 * return area a lowered function receives as its last parameter.
 *
 * <p>Layout rules used throughout the WASI functions (canonical ABI, 32-bit memory): a string or
 * {@code list} is stored as {@code ptr: u32} at offset 0 and {@code len: u32} at offset 4; a
 * {@code result}/{@code option}/{@code variant} stores its discriminant in one byte at offset 0 and
 * its payload at offset {@code max alignment of the payloads} (4 for handles and lists, 8 when a
 * case holds a u64).
 *
 * <p>Calling {@code cabi_realloc} runs guest code that may grow memory, which replaces
 * {@link Memory#buffer()}: every method here re-reads the buffer after allocating.
 */
public final class GuestMemory {
    private static final MethodType REALLOC_TYPE =
            MethodType.methodType(int.class, int.class, int.class, int.class, int.class);

    private final Memory memory;
    private final MethodHandle realloc;

    /** {@code realloc} may be {@code null} when the guest exports none; allocating then traps. */
    public GuestMemory(Memory memory, WasmFunction realloc) {
        this.memory = memory;
        this.realloc = realloc == null ? null : realloc.handle().asType(REALLOC_TYPE);
    }

    public Memory memory() {
        return memory;
    }

    /** The current backing array: do not keep it across {@link #allocate} calls. */
    public byte[] buffer() {
        return memory.buffer();
    }

    /** Traps unless {@code [ptr, ptr+len)} lies in memory; used before copying straight out of {@link #buffer()}. */
    public void checkRange(int ptr, int len) {
        Memory.check(ptr, len, memory.buffer().length);
    }

    /**
     * Allocates {@code size} bytes aligned to {@code align} in the guest via
     * {@code cabi_realloc(0, 0, align, size)}. Zero-size requests return 0 without calling the guest:
     * an empty list never dereferences its pointer.
     */
    public int allocate(int align, int size) {
        if (size == 0) {
            return 0;
        }
        if (realloc == null) {
            throw new Trap(TrapKind.UNREACHABLE, "the guest exports no cabi_realloc, needed to return a list or string");
        }
        int ptr;
        try {
            ptr = (int) realloc.invokeExact(0, 0, align, size);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if ((ptr & (align - 1)) != 0) {
            throw new Trap(TrapKind.UNREACHABLE, "cabi_realloc returned a misaligned pointer " + Integer.toUnsignedString(ptr));
        }
        checkRange(ptr, size);
        return ptr;
    }

    // --- reads ------------------------------------------------------------------------------

    /** A UTF-8 string lowered as {@code (ptr, len)}. */
    public String readString(int ptr, int len) {
        return memory.readString(ptr, len);
    }

    /** A {@code list<u8>} lowered as {@code (ptr, len)}, copied. */
    public byte[] readBytes(int ptr, int len) {
        return memory.readBytes(ptr, len);
    }

    // --- scalar stores ----------------------------------------------------------------------

    public void storeU8(int addr, int v) {
        memory.writeByte(addr, (byte) v);
    }

    public void storeI32(int addr, int v) {
        memory.writeInt(addr, v);
    }

    public void storeI64(int addr, long v) {
        memory.writeLong(addr, v);
    }

    // --- lists and strings ------------------------------------------------------------------

    /** Copies {@code data[off, off+len)} into a fresh guest allocation (alignment 1); returns its address. */
    public int lowerBytes(byte[] data, int off, int len) {
        int ptr = allocate(1, len);
        if (len > 0) {
            System.arraycopy(data, off, memory.buffer(), ptr, len);
        }
        return ptr;
    }

    /** Lowers a {@code list<u8>} and stores its {@code (ptr, len)} at {@code at}. */
    public void storeBytes(int at, byte[] data, int off, int len) {
        int ptr = lowerBytes(data, off, len);
        storeI32(at, ptr);
        storeI32(at + 4, len);
    }

    /** Lowers a string (UTF-8) and stores its {@code (ptr, len)} at {@code at}. */
    public void storeString(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        storeBytes(at, b, 0, b.length);
    }

    /**
     * Allocates a list of {@code count} elements of {@code elemSize} bytes aligned to {@code align},
     * stores its {@code (ptr, len)} at {@code at} and returns the element array's address for the
     * caller to fill (re-read {@link #buffer()} or use the store methods afterwards).
     */
    public int storeListHeader(int at, int count, int elemSize, int align) {
        long bytes = (long) count * elemSize;
        if (bytes > Integer.MAX_VALUE) {
            throw new Trap(TrapKind.OUT_OF_MEMORY, "list too large for guest memory");
        }
        int ptr = allocate(align, (int) bytes);
        storeI32(at, ptr);
        storeI32(at + 4, count);
        return ptr;
    }
}
