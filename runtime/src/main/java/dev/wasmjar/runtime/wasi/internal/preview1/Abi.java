package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.wasi.internal.fs.Datetime;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorStat;

/**
 * The two preview1 import modules and where their layouts differ. {@code wasi_unstable}
 * (snapshot 0, the ABI of old wasi-sdk builds) has the same functions and errnos as
 * {@code wasi_snapshot_preview1} except: a 32-bit {@code nlink} in {@code filestat} (56 bytes, not
 * 64), {@code whence} numbered cur/end/set rather than set/cur/end, and a clock subscription that
 * carries a 64-bit identifier before the clock id (56-byte subscriptions, not 48).
 */
enum Abi {
    SNAPSHOT_1("wasi_snapshot_preview1"),
    UNSTABLE("wasi_unstable");

    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    final String module;

    Abi(String module) {
        this.module = module;
    }

    /** The snapshot-1 {@code whence} for this ABI's value, or -1 if invalid. */
    int whence(int w) {
        if (this == SNAPSHOT_1) {
            return w >= 0 && w <= 2 ? w : -1;
        }
        switch (w) {
            case 0: return WHENCE_CUR;
            case 1: return WHENCE_END;
            case 2: return WHENCE_SET;
            default: return -1;
        }
    }

    /** Stores {@code filestat} at {@code ptr}. */
    void storeFilestat(Memory m, int ptr, DescriptorStat st) {
        Memory.check(ptr, this == SNAPSHOT_1 ? 64 : 56, m.buffer().length);
        m.writeLong(ptr, st.device());
        m.writeLong(ptr + 8, st.inode());
        m.writeByte(ptr + 16, (byte) Filetype.of(st.type()));
        int at;
        if (this == SNAPSHOT_1) {
            m.writeLong(ptr + 24, st.linkCount());
            at = ptr + 32;
        } else {
            m.writeInt(ptr + 20, (int) st.linkCount());
            at = ptr + 24;
        }
        m.writeLong(at, st.size());
        m.writeLong(at + 8, nanos(st.dataAccess()));
        m.writeLong(at + 16, nanos(st.dataModification()));
        m.writeLong(at + 24, nanos(st.statusChange()));
    }

    /** Stores an all-zero {@code filestat} of type {@code filetype} (stdio has no host file to stat). */
    void storeEmptyFilestat(Memory m, int ptr, int filetype) {
        int size = this == SNAPSHOT_1 ? 64 : 56;
        Memory.check(ptr, size, m.buffer().length);
        m.fill(ptr, 0, size);
        m.writeByte(ptr + 16, (byte) filetype);
    }

    /** The size of one {@code subscription}. */
    int subscriptionSize() {
        return this == SNAPSHOT_1 ? 48 : 56;
    }

    /** Offset of the clock id in a clock subscription (after the unstable ABI's identifier). */
    int clockIdOffset() {
        return this == SNAPSHOT_1 ? 16 : 24;
    }

    private static long nanos(Datetime t) {
        return t == null ? 0 : t.seconds() * 1_000_000_000L + t.nanoseconds();
    }
}
