package dev.wasmjar.runtime.wasi.internal.fs;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.wasi.internal.ErrorResource;
import dev.wasmjar.runtime.wasi.internal.GuestMemory;
import dev.wasmjar.runtime.wasi.internal.HandleTable;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.WasiContext;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The canonical-ABI lowering of {@code wasi:filesystem/types}: lifts the flattened core
 * arguments, calls {@link FileOperations} / {@link PathOperations} / {@link FileStreams}, and
 * stores results in the guest's return area.
 *
 * <p>Return-area layouts (discriminant byte at 0; payload at the result's payload alignment):
 * <ul>
 * <li>{@code result<_, error-code>}, {@code result<enum|flags, error-code>}: payload at 1;</li>
 * <li>{@code result<own<..>, error-code>}, {@code result<string, ..>},
 *     {@code result<tuple<list<u8>, bool>, ..>} (list at 4, bool at 12),
 *     {@code result<option<directory-entry>, ..>} (option tag at 4, type at 8, name at 12):
 *     payload at 4;</li>
 * <li>{@code result<filesize, ..>}, {@code result<metadata-hash-value, ..>} and
 *     {@code result<descriptor-stat, ..>}: payload at 8. A {@code descriptor-stat} is
 *     type@0, link-count@8, size@16 and three {@code option<datetime>} of 24 bytes at 24, 48,
 *     72 (tag@0, seconds@8, nanoseconds@16).</li>
 * </ul>
 * The error case stores the {@code error-code} byte at the payload offset.
 */
final class FilesystemTypes {
    static final String IFACE = "wasi:filesystem/types";

    private final WasiContext ctx;
    private final HandleTable table;

    private FilesystemTypes(WasiContext ctx) {
        this.ctx = ctx;
        this.table = ctx.table();
    }

    static void register(HostFunctions f, WasiContext ctx) {
        FilesystemTypes t = new FilesystemTypes(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        String d = "[method]descriptor.";
        f.define(IFACE, d + "read-via-stream", "(i32 i64 i32)->()", l, t, "readViaStream");
        f.define(IFACE, d + "write-via-stream", "(i32 i64 i32)->()", l, t, "writeViaStream");
        f.define(IFACE, d + "append-via-stream", "(i32 i32)->()", l, t, "appendViaStream");
        f.define(IFACE, d + "advise", "(i32 i64 i64 i32 i32)->()", l, t, "advise");
        f.define(IFACE, d + "sync-data", "(i32 i32)->()", l, t, "syncData");
        f.define(IFACE, d + "get-flags", "(i32 i32)->()", l, t, "getFlags");
        f.define(IFACE, d + "get-type", "(i32 i32)->()", l, t, "getType");
        f.define(IFACE, d + "set-size", "(i32 i64 i32)->()", l, t, "setSize");
        f.define(IFACE, d + "set-times", "(i32 i32 i64 i32 i32 i64 i32 i32)->()", l, t, "setTimes");
        f.define(IFACE, d + "read", "(i32 i64 i64 i32)->()", l, t, "read");
        f.define(IFACE, d + "write", "(i32 i32 i32 i64 i32)->()", l, t, "write");
        f.define(IFACE, d + "read-directory", "(i32 i32)->()", l, t, "readDirectory");
        f.define(IFACE, d + "sync", "(i32 i32)->()", l, t, "sync");
        f.define(IFACE, d + "create-directory-at", "(i32 i32 i32 i32)->()", l, t, "createDirectoryAt");
        f.define(IFACE, d + "stat", "(i32 i32)->()", l, t, "stat");
        f.define(IFACE, d + "stat-at", "(i32 i32 i32 i32 i32)->()", l, t, "statAt");
        f.define(IFACE, d + "set-times-at", "(i32 i32 i32 i32 i32 i64 i32 i32 i64 i32 i32)->()", l, t,
                "setTimesAt");
        f.define(IFACE, d + "link-at", "(i32 i32 i32 i32 i32 i32 i32 i32)->()", l, t, "linkAt");
        f.define(IFACE, d + "open-at", "(i32 i32 i32 i32 i32 i32 i32)->()", l, t, "openAt");
        f.define(IFACE, d + "readlink-at", "(i32 i32 i32 i32)->()", l, t, "readlinkAt");
        f.define(IFACE, d + "remove-directory-at", "(i32 i32 i32 i32)->()", l, t, "removeDirectoryAt");
        f.define(IFACE, d + "rename-at", "(i32 i32 i32 i32 i32 i32 i32)->()", l, t, "renameAt");
        f.define(IFACE, d + "symlink-at", "(i32 i32 i32 i32 i32 i32)->()", l, t, "symlinkAt");
        f.define(IFACE, d + "unlink-file-at", "(i32 i32 i32 i32)->()", l, t, "unlinkFileAt");
        f.define(IFACE, d + "is-same-object", "(i32 i32)->(i32)", l, t, "isSameObject");
        f.define(IFACE, d + "metadata-hash", "(i32 i32)->()", l, t, "metadataHash");
        f.define(IFACE, d + "metadata-hash-at", "(i32 i32 i32 i32 i32)->()", l, t, "metadataHashAt");
        f.define(IFACE, "[method]directory-entry-stream.read-directory-entry", "(i32 i32)->()", l, t,
                "readDirectoryEntry");
        f.define(IFACE, "[resource-drop]descriptor", "(i32)->()", l, t, "dropDescriptor");
        f.define(IFACE, "[resource-drop]directory-entry-stream", "(i32)->()", l, t, "dropDirectoryEntryStream");
        f.define(IFACE, "filesystem-error-code", "(i32 i32)->()", l, t, "filesystemErrorCode");
    }

    /** An operation whose {@code ok} value has no payload. */
    @FunctionalInterface
    private interface Action {
        void run() throws FsException;
    }

    // --- descriptor: streams ----------------------------------------------------------------

    private void readViaStream(int self, long offset, int ret) {
        Descriptor d = descriptor(self);
        try {
            okHandle(ret, table.add(FileStreams.readVia(d, offset)));
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void writeViaStream(int self, long offset, int ret) {
        Descriptor d = descriptor(self);
        try {
            okHandle(ret, table.add(FileStreams.writeVia(d, offset)));
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void appendViaStream(int self, int ret) {
        Descriptor d = descriptor(self);
        try {
            okHandle(ret, table.add(FileStreams.appendVia(d)));
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    // --- descriptor: the object itself ------------------------------------------------------

    private void advise(int self, long offset, long length, int advice, int ret) {
        Descriptor d = descriptor(self);
        if (Integer.compareUnsigned(advice, 5) > 0) {
            throw invalid("advice " + Integer.toUnsignedString(advice));
        }
        unit(ret, () -> FileOperations.advise(d, offset, length, advice));
    }

    private void syncData(int self, int ret) {
        Descriptor d = descriptor(self);
        unit(ret, () -> FileOperations.syncData(d));
    }

    private void sync(int self, int ret) {
        Descriptor d = descriptor(self);
        unit(ret, () -> FileOperations.sync(d));
    }

    private void getFlags(int self, int ret) {
        GuestMemory mem = ctx.memory();
        mem.storeU8(ret + 1, FileOperations.getFlags(descriptor(self)));
        mem.storeU8(ret, 0);
    }

    private void getType(int self, int ret) {
        GuestMemory mem = ctx.memory();
        mem.storeU8(ret + 1, FileOperations.getType(descriptor(self)).ordinal());
        mem.storeU8(ret, 0);
    }

    private void setSize(int self, long size, int ret) {
        Descriptor d = descriptor(self);
        unit(ret, () -> FileOperations.setSize(d, size));
    }

    private void setTimes(int self, int aTag, long aSec, int aNs, int mTag, long mSec, int mNs, int ret) {
        Descriptor d = descriptor(self);
        NewTimestamp a = timestamp(aTag, aSec, aNs);
        NewTimestamp m = timestamp(mTag, mSec, mNs);
        unit(ret, () -> FileOperations.setTimes(d, a, m));
    }

    private void read(int self, long length, long offset, int ret) {
        Descriptor d = descriptor(self);
        GuestMemory mem = ctx.memory();
        try {
            FileOperations.ReadResult r = FileOperations.read(d, length, offset);
            mem.storeBytes(ret + 4, r.data(), 0, r.data().length);
            mem.storeU8(ret + 12, r.eof() ? 1 : 0);
            mem.storeU8(ret, 0);
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void write(int self, int ptr, int len, long offset, int ret) {
        Descriptor d = descriptor(self);
        GuestMemory mem = ctx.memory();
        mem.checkRange(ptr, len);
        try {
            // Straight from guest memory: nothing below calls back into the guest.
            long n = FileOperations.write(d, mem.buffer(), ptr, len, offset);
            mem.storeI64(ret + 8, n);
            mem.storeU8(ret, 0);
        } catch (FsException e) {
            err(ret, 8, e);
        }
    }

    private void stat(int self, int ret) {
        Descriptor d = descriptor(self);
        try {
            okStat(ret, FileOperations.stat(d));
        } catch (FsException e) {
            err(ret, 8, e);
        }
    }

    private int isSameObject(int self, int other) {
        return FileOperations.isSameObject(descriptor(self), descriptor(other)) ? 1 : 0;
    }

    private void metadataHash(int self, int ret) {
        Descriptor d = descriptor(self);
        try {
            okHash(ret, FileOperations.metadataHash(d));
        } catch (FsException e) {
            err(ret, 8, e);
        }
    }

    // --- descriptor: paths below a directory ------------------------------------------------

    private void readDirectory(int self, int ret) {
        Descriptor d = descriptor(self);
        try {
            okHandle(ret, table.add(PathOperations.readDirectory(d)));
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void createDirectoryAt(int self, int ptr, int len, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        unit(ret, () -> PathOperations.createDirectoryAt(d, path));
    }

    private void statAt(int self, int pathFlags, int ptr, int len, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        try {
            okStat(ret, PathOperations.statAt(d, pathFlags, path));
        } catch (FsException e) {
            err(ret, 8, e);
        }
    }

    private void setTimesAt(int self, int pathFlags, int ptr, int len, int aTag, long aSec, int aNs,
            int mTag, long mSec, int mNs, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        NewTimestamp a = timestamp(aTag, aSec, aNs);
        NewTimestamp m = timestamp(mTag, mSec, mNs);
        unit(ret, () -> PathOperations.setTimesAt(d, pathFlags, path, a, m));
    }

    private void linkAt(int self, int oldFlags, int oldPtr, int oldLen, int newSelf, int newPtr, int newLen, int ret) {
        Descriptor d = descriptor(self);
        String oldPath = string(oldPtr, oldLen);
        Descriptor nd = descriptor(newSelf);
        String newPath = string(newPtr, newLen);
        unit(ret, () -> PathOperations.linkAt(d, oldFlags, oldPath, nd, newPath));
    }

    private void openAt(int self, int pathFlags, int ptr, int len, int openFlags, int flags, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        try {
            okHandle(ret, table.add(PathOperations.openAt(d, pathFlags, path, openFlags, flags)));
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void readlinkAt(int self, int ptr, int len, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        GuestMemory mem = ctx.memory();
        try {
            String target = PathOperations.readlinkAt(d, path);
            mem.storeString(ret + 4, target);
            mem.storeU8(ret, 0);
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void removeDirectoryAt(int self, int ptr, int len, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        unit(ret, () -> PathOperations.removeDirectoryAt(d, path));
    }

    private void renameAt(int self, int oldPtr, int oldLen, int newSelf, int newPtr, int newLen, int ret) {
        Descriptor d = descriptor(self);
        String oldPath = string(oldPtr, oldLen);
        Descriptor nd = descriptor(newSelf);
        String newPath = string(newPtr, newLen);
        unit(ret, () -> PathOperations.renameAt(d, oldPath, nd, newPath));
    }

    private void symlinkAt(int self, int oldPtr, int oldLen, int newPtr, int newLen, int ret) {
        Descriptor d = descriptor(self);
        String oldPath = string(oldPtr, oldLen);
        String newPath = string(newPtr, newLen);
        unit(ret, () -> PathOperations.symlinkAt(d, oldPath, newPath));
    }

    private void unlinkFileAt(int self, int ptr, int len, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        unit(ret, () -> PathOperations.unlinkFileAt(d, path));
    }

    private void metadataHashAt(int self, int pathFlags, int ptr, int len, int ret) {
        Descriptor d = descriptor(self);
        String path = string(ptr, len);
        try {
            okHash(ret, PathOperations.metadataHashAt(d, pathFlags, path));
        } catch (FsException e) {
            err(ret, 8, e);
        }
    }

    // --- directory-entry-stream, drops, errors ----------------------------------------------

    private void readDirectoryEntry(int self, int ret) {
        DirectoryEntryStream s = table.get(self, DirectoryEntryStream.class);
        GuestMemory mem = ctx.memory();
        try {
            DirectoryEntry e = s.next();
            if (e == null) {
                mem.storeU8(ret + 4, 0);
            } else {
                mem.storeString(ret + 12, e.name());
                mem.storeU8(ret + 8, e.type().ordinal());
                mem.storeU8(ret + 4, 1);
            }
            mem.storeU8(ret, 0);
        } catch (FsException e) {
            err(ret, 4, e);
        }
    }

    private void dropDescriptor(int self) {
        table.drop(self, Descriptor.class);
    }

    private void dropDirectoryEntryStream(int self) {
        table.drop(self, DirectoryEntryStream.class);
    }

    /** {@code filesystem-error-code}: the code behind a stream error raised by a file stream. */
    private void filesystemErrorCode(int err, int ret) {
        ErrorCode code = codeOf(table.get(err, ErrorResource.class).cause());
        GuestMemory mem = ctx.memory();
        if (code == null) {
            mem.storeU8(ret, 0);
        } else {
            mem.storeU8(ret + 1, code.ordinal());
            mem.storeU8(ret, 1);
        }
    }

    /** The filesystem error behind a stream failure, or {@code null} if it was not a filesystem error. */
    static ErrorCode codeOf(Throwable cause) {
        if (cause instanceof FsException || cause instanceof IOException) {
            return IoErrors.code(cause);
        }
        return null;
    }

    // --- lifting ----------------------------------------------------------------------------

    private Descriptor descriptor(int handle) {
        return table.get(handle, Descriptor.class);
    }

    /**
     * Lifts a string. The canonical ABI requires valid UTF-8 and traps otherwise; decoding
     * leniently would turn a bad name into a different, valid one.
     */
    private String string(int ptr, int len) {
        GuestMemory mem = ctx.memory();
        mem.checkRange(ptr, len);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(mem.buffer(), ptr, len)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("string is not valid UTF-8");
        }
    }

    /** Lifts a flattened {@code new-timestamp}: discriminant, then the {@code datetime} fields. */
    private static NewTimestamp timestamp(int tag, long seconds, int nanos) {
        switch (tag) {
            case 0:
                return NewTimestamp.NO_CHANGE;
            case 1:
                return NewTimestamp.NOW;
            case 2:
                return NewTimestamp.at(new Datetime(seconds, nanos));
            default:
                throw invalid("new-timestamp discriminant " + Integer.toUnsignedString(tag));
        }
    }

    private static Trap invalid(String what) {
        return new Trap(TrapKind.UNREACHABLE, "invalid canonical ABI value: " + what);
    }

    // --- lowering ---------------------------------------------------------------------------

    private void unit(int ret, Action a) {
        try {
            a.run();
            ctx.memory().storeU8(ret, 0);
        } catch (FsException e) {
            err(ret, 1, e);
        }
    }

    private void okHandle(int ret, int handle) {
        GuestMemory mem = ctx.memory();
        mem.storeI32(ret + 4, handle);
        mem.storeU8(ret, 0);
    }

    private void okStat(int ret, DescriptorStat st) {
        GuestMemory mem = ctx.memory();
        int p = ret + 8;
        mem.storeU8(p, st.type().ordinal());
        mem.storeI64(p + 8, st.linkCount());
        mem.storeI64(p + 16, st.size());
        storeOptionalDatetime(mem, p + 24, st.dataAccess());
        storeOptionalDatetime(mem, p + 48, st.dataModification());
        storeOptionalDatetime(mem, p + 72, st.statusChange());
        mem.storeU8(ret, 0);
    }

    private static void storeOptionalDatetime(GuestMemory mem, int at, Datetime t) {
        if (t == null) {
            mem.storeU8(at, 0);
        } else {
            mem.storeI64(at + 8, t.seconds());
            mem.storeI32(at + 16, t.nanoseconds());
            mem.storeU8(at, 1);
        }
    }

    private void okHash(int ret, MetadataHash h) {
        GuestMemory mem = ctx.memory();
        mem.storeI64(ret + 8, h.lower());
        mem.storeI64(ret + 16, h.upper());
        mem.storeU8(ret, 0);
    }

    private void err(int ret, int payload, FsException e) {
        GuestMemory mem = ctx.memory();
        mem.storeU8(ret + payload, e.code().ordinal());
        mem.storeU8(ret, 1);
    }
}
