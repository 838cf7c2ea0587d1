package dev.wasmjar.runtime.wasi.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.WasmFunction;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.internal.ErrorResource;
import dev.wasmjar.runtime.wasi.internal.GuestMemory;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.WasiContext;
import dev.wasmjar.runtime.wasi.internal.WasiInterfaces;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorType;
import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import dev.wasmjar.runtime.wasi.internal.fs.FsFlags;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasi:filesystem/types} and {@code preopens} through the canonical ABI, as a guest calls
 * them: flattened arguments, strings in linear memory, results in a return area, lists allocated
 * with a (fake, bump-pointer) {@code cabi_realloc}.
 */
class FilesystemAbiTest {
    private static final String TYPES = "wasi:filesystem/types@0.2.0";
    private static final String RET = "ret";
    private static final int RET_AREA = 0x100;
    private static final int SCRATCH = 0x1000;

    @TempDir
    Path root;
    @TempDir
    Path roRoot;
    Memory memory;
    HostFunctions host;
    WasiContext ctx;
    int heap = 0x10000;
    int scratch = SCRATCH;
    int dataDir;
    int roDir;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("input.txt"), "line one\nline two\n");
        Files.writeString(roRoot.resolve("ro.txt"), "read me");
        WasiConfig config = WasiConfig.builder().stdin(null).stdout(null).stderr(null)
                .preopen(root, "/data", false).preopen(roRoot, "/ro", true).build();
        ctx = new WasiContext(config);
        host = WasiInterfaces.create(ctx);
        memory = new Memory(4, -1);
        WasmFunction realloc = WasmFunction.of(FunctionType.parse("(i32 i32 i32 i32)->(i32)"),
                MethodHandles.lookup().findVirtual(FilesystemAbiTest.class, "realloc",
                        MethodType.methodType(int.class, int.class, int.class, int.class, int.class)).bindTo(this));
        ctx.bind(new GuestMemory(memory, realloc));

        call("wasi:filesystem/preopens@0.2.0", "get-directories", RET_AREA);
        int list = memory.readInt(RET_AREA);
        assertEquals(2, memory.readInt(RET_AREA + 4));
        assertEquals(0, list % 4);
        assertEquals("/data", string(list + 4));
        assertEquals("/ro", string(list + 16));
        dataDir = memory.readInt(list);
        roDir = memory.readInt(list + 12);
        assertTrue(dataDir > 0 && roDir > 0 && dataDir != roDir);
    }

    /** A bump allocator standing in for the guest's {@code cabi_realloc}. */
    @SuppressWarnings("unused")
    private int realloc(int oldPtr, int oldSize, int align, int size) {
        assertEquals(0, oldPtr);
        heap = (heap + align - 1) & -align;
        int p = heap;
        heap += size;
        return p;
    }

    private Object call(String module, String name, Object... args) {
        Object f = host.resolve(module, name);
        assertNotNull(f, module + "#" + name);
        return ((WasmFunction) f).invoke(args);
    }

    private Object fs(String method, Object... args) {
        return call(TYPES, "[method]descriptor." + method, args);
    }

    /** Puts {@code s} in guest memory; returns {ptr, len}. */
    private Object[] str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int p = scratch;
        memory.writeBytes(p, b);
        scratch += b.length + 8;
        return new Object[] {p, b.length};
    }

    private String string(int at) {
        return memory.readString(memory.readInt(at), memory.readInt(at + 4));
    }

    private int disc() {
        return memory.readByte(RET_AREA);
    }

    private void assertOk() {
        assertEquals(0, disc(), () -> "expected ok, got error " + ErrorCode.of(memory.readByte(RET_AREA + 1)));
    }

    private void assertErr(ErrorCode code, int payload) {
        assertEquals(1, disc());
        assertEquals(code.ordinal(), memory.readByte(RET_AREA + payload));
    }

    private int openAt(int dir, int pathFlags, String path, int openFlags, int flags) {
        Object[] p = str(path);
        fs("open-at", dir, pathFlags, p[0], p[1], openFlags, flags, RET_AREA);
        return disc() == 0 ? memory.readInt(RET_AREA + 4) : -1;
    }

    @Test
    void openWriteReadStat() {
        int f = openAt(dataDir, FsFlags.SYMLINK_FOLLOW, "out.txt", FsFlags.CREATE, FsFlags.READ | FsFlags.WRITE);
        assertOk();
        byte[] data = "alpha\nbeta\n".getBytes(StandardCharsets.UTF_8);
        memory.writeBytes(0x2000, data);
        fs("write", f, 0x2000, data.length, 0L, RET_AREA);
        assertOk();
        assertEquals(data.length, memory.readLong(RET_AREA + 8));

        fs("read", f, 4L, 6L, RET_AREA);
        assertOk();
        assertEquals("beta", string(RET_AREA + 4));
        assertEquals(0, memory.readByte(RET_AREA + 12));
        fs("read", f, 100L, 6L, RET_AREA);
        assertEquals("beta\n", string(RET_AREA + 4));
        assertEquals(1, memory.readByte(RET_AREA + 12));

        fs("stat", f, RET_AREA);
        assertOk();
        assertEquals(DescriptorType.REGULAR_FILE.ordinal(), memory.readByte(RET_AREA + 8));
        assertEquals(1, memory.readLong(RET_AREA + 16));
        assertEquals(data.length, memory.readLong(RET_AREA + 24));
        for (int opt : new int[] {32, 56, 80}) {
            assertEquals(1, memory.readByte(RET_AREA + opt), "timestamp option at " + opt);
            assertTrue(memory.readLong(RET_AREA + opt + 8) > 1_600_000_000L);
            assertTrue(Integer.compareUnsigned(memory.readInt(RET_AREA + opt + 16), 1_000_000_000) < 0);
        }

        fs("get-type", f, RET_AREA);
        assertOk();
        assertEquals(DescriptorType.REGULAR_FILE.ordinal(), memory.readByte(RET_AREA + 1));
        fs("get-flags", f, RET_AREA);
        assertEquals(FsFlags.READ | FsFlags.WRITE, memory.readByte(RET_AREA + 1));
        fs("get-flags", dataDir, RET_AREA);
        assertEquals(FsFlags.READ | FsFlags.MUTATE_DIRECTORY, memory.readByte(RET_AREA + 1));
        fs("get-type", dataDir, RET_AREA);
        assertEquals(DescriptorType.DIRECTORY.ordinal(), memory.readByte(RET_AREA + 1));

        fs("set-size", f, 5L, RET_AREA);
        assertOk();
        fs("sync-data", f, RET_AREA);
        assertOk();
        fs("sync", f, RET_AREA);
        assertOk();
        fs("advise", f, 0L, 5L, 2, RET_AREA);
        assertOk();
        assertThrows(Trap.class, () -> fs("advise", f, 0L, 5L, 6, RET_AREA));
        assertEquals(1, fs("is-same-object", f, f));
        assertEquals(0, fs("is-same-object", f, dataDir));
        fs("metadata-hash", f, RET_AREA);
        assertOk();
        long lower = memory.readLong(RET_AREA + 8);
        long upper = memory.readLong(RET_AREA + 16);
        Object[] p = str("out.txt");
        fs("metadata-hash-at", dataDir, 0, p[0], p[1], RET_AREA);
        assertOk();
        assertEquals(lower, memory.readLong(RET_AREA + 8));
        assertEquals(upper, memory.readLong(RET_AREA + 16));

        call(TYPES, "[resource-drop]descriptor", f);
        // A dropped handle is gone: using it traps, as the canonical ABI requires.
        assertThrows(Trap.class, () -> fs("stat", f, RET_AREA));
    }

    /**
     * A guest that ends without dropping its descriptors (an exit, a trap) leaves the files
     * open only until the host is closed, not until the garbage collector gets to them.
     */
    @Test
    void closingTheHostClosesTheFilesTheGuestLeftOpen() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd to see open files");
        int f = openAt(dataDir, FsFlags.SYMLINK_FOLLOW, "left-open.txt", FsFlags.CREATE, FsFlags.READ | FsFlags.WRITE);
        assertOk();
        memory.writeBytes(0x2000, new byte[] {1, 2, 3});
        fs("write", f, 0x2000, 3, 0L, RET_AREA);
        assertOk();
        fs("read-via-stream", f, 0L, RET_AREA);
        assertOk();
        Path file = root.resolve("left-open.txt").toRealPath();
        assertEquals(1, openDescriptorsOf(file), "the file and its stream share one channel");
        ctx.close();
        assertEquals(0, openDescriptorsOf(file));
    }

    /** How many of this process's file descriptors refer to {@code file} (Linux). */
    private static long openDescriptorsOf(Path file) throws IOException {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }

    @Test
    void errorsComeBackAsErrorCodes() throws IOException {
        Object[] p = str("missing.txt");
        fs("stat-at", dataDir, 0, p[0], p[1], RET_AREA);
        assertErr(ErrorCode.NO_ENTRY, 8);
        assertEquals(-1, openAt(dataDir, 0, "../escape", 0, FsFlags.READ));
        assertErr(ErrorCode.NOT_PERMITTED, 4);
        assertEquals(-1, openAt(dataDir, 0, "/etc/passwd", 0, FsFlags.READ));
        assertErr(ErrorCode.NOT_PERMITTED, 4);
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        assertEquals(-1, openAt(dataDir, FsFlags.SYMLINK_FOLLOW, "loop", 0, FsFlags.READ));
        assertErr(ErrorCode.LOOP, 4);
        p = str("input.txt");
        fs("create-directory-at", dataDir, p[0], p[1], RET_AREA);
        assertErr(ErrorCode.EXIST, 1);
        int f = openAt(dataDir, 0, "input.txt", 0, FsFlags.READ);
        fs("write", f, 0x2000, 1, 0L, RET_AREA);
        assertErr(ErrorCode.BAD_DESCRIPTOR, 8);
        fs("read-directory", f, RET_AREA);
        assertErr(ErrorCode.NOT_DIRECTORY, 4);
        fs("set-size", f, 0L, RET_AREA);
        assertErr(ErrorCode.BAD_DESCRIPTOR, 1);
        fs("write-via-stream", f, 0L, RET_AREA);
        assertErr(ErrorCode.BAD_DESCRIPTOR, 4);
    }

    @Test
    void readOnlyPreopenThroughTheAbi() {
        fs("get-flags", roDir, RET_AREA);
        assertEquals(FsFlags.READ, memory.readByte(RET_AREA + 1));
        int f = openAt(roDir, 0, "ro.txt", 0, FsFlags.READ);
        assertOk();
        fs("read", f, 100L, 0L, RET_AREA);
        assertEquals("read me", string(RET_AREA + 4));
        openAt(roDir, 0, "ro.txt", 0, FsFlags.WRITE);
        assertErr(ErrorCode.READ_ONLY, 4);
        openAt(roDir, 0, "new.txt", FsFlags.CREATE, FsFlags.READ);
        assertErr(ErrorCode.READ_ONLY, 4);
        Object[] p = str("ro.txt");
        fs("unlink-file-at", roDir, p[0], p[1], RET_AREA);
        assertErr(ErrorCode.READ_ONLY, 1);
        assertTrue(Files.exists(roRoot.resolve("ro.txt")));
        assertFalse(Files.exists(roRoot.resolve("new.txt")));
    }

    @Test
    void directoryEntries() throws IOException {
        Files.createDirectory(root.resolve("sub"));
        fs("read-directory", dataDir, RET_AREA);
        assertOk();
        int stream = memory.readInt(RET_AREA + 4);
        String read = TYPES;
        StringBuilder seen = new StringBuilder();
        while (true) {
            call(read, "[method]directory-entry-stream.read-directory-entry", stream, RET_AREA);
            assertOk();
            if (memory.readByte(RET_AREA + 4) == 0) {
                break;
            }
            seen.append(string(RET_AREA + 12)).append(':').append(memory.readByte(RET_AREA + 8)).append(' ');
        }
        assertEquals("input.txt:" + DescriptorType.REGULAR_FILE.ordinal() + " sub:" + DescriptorType.DIRECTORY.ordinal()
                + " ", seen.toString());
        call(TYPES, "[resource-drop]directory-entry-stream", stream);
        assertThrows(Trap.class, () -> call(TYPES, "[method]directory-entry-stream.read-directory-entry", stream,
                RET_AREA));
    }

    @Test
    void pathMutations() throws IOException {
        Object[] sub = str("sub");
        fs("create-directory-at", dataDir, sub[0], sub[1], RET_AREA);
        assertOk();
        assertTrue(Files.isDirectory(root.resolve("sub")));

        Object[] from = str("input.txt");
        Object[] to = str("sub/moved.txt");
        fs("rename-at", dataDir, from[0], from[1], dataDir, to[0], to[1], RET_AREA);
        assertOk();
        assertTrue(Files.exists(root.resolve("sub/moved.txt")));

        Object[] target = str("sub/moved.txt");
        Object[] link = str("link");
        fs("symlink-at", dataDir, target[0], target[1], link[0], link[1], RET_AREA);
        assertOk();
        fs("readlink-at", dataDir, link[0], link[1], RET_AREA);
        assertOk();
        assertEquals("sub/moved.txt", string(RET_AREA + 4));

        Object[] hard = str("hard.txt");
        fs("link-at", dataDir, FsFlags.SYMLINK_FOLLOW, link[0], link[1], dataDir, hard[0], hard[1], RET_AREA);
        assertOk();
        assertTrue(Files.isSameFile(root.resolve("hard.txt"), root.resolve("sub/moved.txt")));

        // set-times-at with the timestamp arm of new-timestamp (tag 2, seconds, nanoseconds).
        fs("set-times-at", dataDir, 0, hard[0], hard[1], 2, 1_234_567_890L, 250, 0, 0L, 0, RET_AREA);
        assertOk();
        fs("stat-at", dataDir, 0, hard[0], hard[1], RET_AREA);
        assertEquals(1_234_567_890L, memory.readLong(RET_AREA + 40));
        assertEquals(250, memory.readInt(RET_AREA + 48));
        assertEquals(2, memory.readLong(RET_AREA + 16)); // link count
        assertThrows(Trap.class, () -> fs("set-times-at", dataDir, 0, hard[0], hard[1], 3, 0L, 0, 0, 0L, 0, RET_AREA));

        int f = openAt(dataDir, 0, "hard.txt", 0, FsFlags.READ | FsFlags.WRITE);
        fs("set-times", f, 1, 0L, 0, 2, 1_000L, 7, RET_AREA);
        assertOk();
        fs("stat", f, RET_AREA);
        assertEquals(1_000L, memory.readLong(RET_AREA + 64));
        assertEquals(7, memory.readInt(RET_AREA + 72));

        fs("unlink-file-at", dataDir, link[0], link[1], RET_AREA);
        assertOk();
        fs("unlink-file-at", dataDir, hard[0], hard[1], RET_AREA);
        assertOk();
        fs("unlink-file-at", dataDir, to[0], to[1], RET_AREA);
        assertOk();
        fs("remove-directory-at", dataDir, sub[0], sub[1], RET_AREA);
        assertOk();
        assertFalse(Files.exists(root.resolve("sub")));
    }

    @Test
    void streamsThroughWasiIo() throws IOException {
        int f = openAt(dataDir, 0, "input.txt", 0, FsFlags.READ | FsFlags.WRITE);
        fs("read-via-stream", f, 5L, RET_AREA);
        assertOk();
        int in = memory.readInt(RET_AREA + 4);
        call("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read", in, 3L, RET_AREA);
        assertOk();
        assertEquals("one", string(RET_AREA + 4));

        fs("append-via-stream", f, RET_AREA);
        assertOk();
        int out = memory.readInt(RET_AREA + 4);
        Object[] more = str("line three\n");
        call("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush", out, more[0], more[1], RET_AREA);
        assertOk();
        assertEquals("line one\nline two\nline three\n", Files.readString(root.resolve("input.txt")));

        fs("write-via-stream", f, 0L, RET_AREA);
        assertOk();
        int out2 = memory.readInt(RET_AREA + 4);
        Object[] head = str("LINE");
        call("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush", out2, head[0], head[1], RET_AREA);
        assertOk();
        assertEquals("LINE one\nline two\nline three\n", Files.readString(root.resolve("input.txt")));
        call("wasi:io/streams@0.2.0", "[resource-drop]input-stream", in);
        call("wasi:io/streams@0.2.0", "[resource-drop]output-stream", out);
        call("wasi:io/streams@0.2.0", "[resource-drop]output-stream", out2);
        call(TYPES, "[resource-drop]descriptor", f);
    }

    @Test
    void filesystemErrorCodeOfStreamErrors() {
        int fsErr = ctx.table().add(new ErrorResource("read failed", new FsException(ErrorCode.IS_DIRECTORY)));
        call(TYPES, "filesystem-error-code", fsErr, RET_AREA);
        assertEquals(1, disc());
        assertEquals(ErrorCode.IS_DIRECTORY.ordinal(), memory.readByte(RET_AREA + 1));
        int ioErr = ctx.table().add(new ErrorResource("disk", new java.nio.file.NoSuchFileException("x")));
        call(TYPES, "filesystem-error-code", ioErr, RET_AREA);
        assertEquals(ErrorCode.NO_ENTRY.ordinal(), memory.readByte(RET_AREA + 1));
        int other = ctx.table().add(new ErrorResource("socket", null));
        call(TYPES, "filesystem-error-code", other, RET_AREA);
        assertEquals(0, disc());
    }

    @Test
    void invalidUtf8PathTraps() {
        memory.writeBytes(0x3000, new byte[] {'a', (byte) 0xff, 'b'});
        assertThrows(Trap.class, () -> fs("create-directory-at", dataDir, 0x3000, 3, RET_AREA));
        assertThrows(Trap.class, () -> fs("create-directory-at", dataDir, memory.buffer().length - 1, 3, RET_AREA));
    }

    @Test
    void everyTypesImportOfTheWitIsDefined() {
        String[] methods = {"read-via-stream", "write-via-stream", "append-via-stream", "advise", "sync-data",
            "get-flags", "get-type", "set-size", "set-times", "read", "write", "read-directory", "sync",
            "create-directory-at", "stat", "stat-at", "set-times-at", "link-at", "open-at", "readlink-at",
            "remove-directory-at", "rename-at", "symlink-at", "unlink-file-at", "is-same-object", "metadata-hash",
            "metadata-hash-at"};
        for (String m : methods) {
            assertNotNull(host.resolve("wasi:filesystem/types@0.2.1", "[method]descriptor." + m), m);
        }
        assertNotNull(host.resolve(TYPES, "[method]directory-entry-stream.read-directory-entry"));
        assertNotNull(host.resolve(TYPES, "[resource-drop]descriptor"));
        assertNotNull(host.resolve(TYPES, "[resource-drop]directory-entry-stream"));
        assertNotNull(host.resolve(TYPES, "filesystem-error-code"));
        // Signatures as TinyGo's core module imports them.
        assertEquals("(i32 i32 i32 i32 i32 i32 i32)->()",
                ((WasmFunction) host.resolve(TYPES, "[method]descriptor.open-at")).type().toString());
        assertEquals("(i32 i32 i32 i64 i32)->()",
                ((WasmFunction) host.resolve(TYPES, "[method]descriptor.write")).type().toString());
        assertEquals("(i32 i64 i64 i32)->()",
                ((WasmFunction) host.resolve(TYPES, "[method]descriptor.read")).type().toString());
        assertNotEquals(null, host.resolve("wasi:filesystem/preopens@0.2.0", "get-directories"));
    }

    @Test
    void bigFileRoundTrip() {
        int f = openAt(dataDir, 0, "big.bin", FsFlags.CREATE | FsFlags.TRUNCATE, FsFlags.READ | FsFlags.WRITE);
        assertOk();
        int n = 3 * 1024 * 1024 + 17;
        memory.grow(128);
        byte[] big = new byte[n];
        for (int i = 0; i < n; i++) {
            big[i] = (byte) (i * 7);
        }
        int src = 0x50000;
        memory.writeBytes(src, big);
        fs("write", f, src, n, 0L, RET_AREA);
        assertOk();
        heap = src + n + 16;
        fs("read", f, (long) n + 512, 0L, RET_AREA);
        assertOk();
        assertEquals(n, memory.readInt(RET_AREA + 8));
        assertArrayEquals(big, memory.readBytes(memory.readInt(RET_AREA + 4), n));
    }
}
