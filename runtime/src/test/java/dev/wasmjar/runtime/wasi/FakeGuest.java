package dev.wasmjar.runtime.wasi;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a compiled guest: a memory, a bump-allocating {@code cabi_realloc} (which grows
 * memory like a real guest would, to catch stale-buffer bugs), and a host bound to it. Host
 * functions are looked up through the host's resolver exactly as the linker would.
 */
public final class FakeGuest extends Instance {
    /** Where tests put their own data and return areas; allocations start above it. */
    public static final int SCRATCH = 1024;
    public static final int RET = 64;

    public final Memory memory = new Memory(1, -1);
    public final List<int[]> allocations = new ArrayList<>();
    public final WasiHost host;
    private int heap = 16 * 1024;

    public FakeGuest(WasiConfig config) {
        this(config, null);
    }

    /** {@code run}: an optional {@code wasi:cli/run@0.2.0#run} implementation. */
    public FakeGuest(WasiConfig config, WasmFunction run) {
        export("memory", memory);
        export("cabi_realloc", WasmFunction.of(FunctionType.parse("(i32 i32 i32 i32)->(i32)"), REALLOC.bindTo(this)));
        if (run != null) {
            export("wasi:cli/run@0.2.0#run", run);
        }
        host = WasiHost.create(config);
        host.bind(this);
    }

    private static final MethodHandle REALLOC;

    static {
        try {
            REALLOC = MethodHandles.lookup().findVirtual(FakeGuest.class, "realloc",
                    MethodType.methodType(int.class, int.class, int.class, int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int realloc(int oldPtr, int oldSize, int align, int size) {
        if (oldPtr != 0 || oldSize != 0) {
            throw new AssertionError("host must allocate fresh blocks");
        }
        if (Integer.bitCount(align) != 1) {
            throw new AssertionError("bad alignment " + align);
        }
        heap = (heap + align - 1) & -align;
        int ptr = heap;
        heap += size;
        while (heap > memory.buffer().length) {
            if (memory.grow(1) < 0) {
                return 0;
            }
        }
        allocations.add(new int[] {ptr, align, size});
        return ptr;
    }

    /** Forgets every allocation (for long loops that would otherwise grow memory without end). */
    public void resetHeap() {
        heap = 16 * 1024;
        allocations.clear();
    }

    /** Calls {@code iface}'s {@code name} (version 0.2.0) with boxed arguments. */
    public Object call(String iface, String name, Object... args) {
        WasmFunction f = (WasmFunction) host.resolver().resolve(iface + "@0.2.0", name);
        if (f == null) {
            throw new AssertionError("no host function " + iface + "#" + name);
        }
        return f.invoke(args);
    }

    public int callInt(String iface, String name, Object... args) {
        return (Integer) call(iface, name, args);
    }

    public long callLong(String iface, String name, Object... args) {
        return (Long) call(iface, name, args);
    }

    public int u8(int addr) {
        return memory.readByte(addr) & 0xff;
    }

    public int i32(int addr) {
        return memory.readInt(addr);
    }

    public long i64(int addr) {
        return memory.readLong(addr);
    }

    /** The {@code (ptr, len)} list/string stored at {@code addr}, as bytes. */
    public byte[] listAt(int addr) {
        return memory.readBytes(i32(addr), i32(addr + 4));
    }

    public String stringAt(int addr) {
        return new String(listAt(addr), StandardCharsets.UTF_8);
    }

    /** Puts {@code data} in guest memory at {@link #SCRATCH} and returns its address. */
    public int put(byte[] data) {
        memory.writeBytes(SCRATCH, data);
        return SCRATCH;
    }
}
