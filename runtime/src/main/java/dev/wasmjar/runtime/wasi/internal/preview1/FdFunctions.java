package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.InputStreamResource;
import dev.wasmjar.runtime.wasi.internal.StreamException;
import dev.wasmjar.runtime.wasi.internal.fs.Datetime;
import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import dev.wasmjar.runtime.wasi.internal.fs.FileOperations;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code fd_*} functions: reads and writes (stdio through the 0.2 streams, files through the
 * 0.2 descriptor operations at the offset preview1 keeps), seeking, stat, flags, rights,
 * preopen names, directory listing with cookies, renumbering and closing.
 */
final class FdFunctions {
    static final int FDFLAG_APPEND = 1;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_NONBLOCK = 4;
    static final int FDFLAG_RSYNC = 8;
    static final int FDFLAG_SYNC = 16;

    static final int FST_ATIM = 1;
    static final int FST_ATIM_NOW = 2;
    static final int FST_MTIM = 4;
    static final int FST_MTIM_NOW = 8;

    /** Host-side cap on one read, as the 0.2 file read's. */
    private static final int MAX_READ = FileOperations.MAX_READ;

    private final Preview1State s;
    private final Abi abi;

    private FdFunctions(Preview1State s, Abi abi) {
        this.s = s;
        this.abi = abi;
    }

    static void register(HostFunctions f, Preview1State s, Abi abi) {
        FdFunctions x = new FdFunctions(s, abi);
        MethodHandles.Lookup l = MethodHandles.lookup();
        String m = abi.module;
        f.define(m, "fd_advise", "(i32 i64 i64 i32)->(i32)", l, x, "advise");
        f.define(m, "fd_allocate", "(i32 i64 i64)->(i32)", l, x, "allocate");
        f.define(m, "fd_close", "(i32)->(i32)", l, x, "close");
        f.define(m, "fd_datasync", "(i32)->(i32)", l, x, "datasync");
        f.define(m, "fd_sync", "(i32)->(i32)", l, x, "sync");
        f.define(m, "fd_fdstat_get", "(i32 i32)->(i32)", l, x, "fdstatGet");
        f.define(m, "fd_fdstat_set_flags", "(i32 i32)->(i32)", l, x, "fdstatSetFlags");
        f.define(m, "fd_fdstat_set_rights", "(i32 i64 i64)->(i32)", l, x, "fdstatSetRights");
        f.define(m, "fd_filestat_get", "(i32 i32)->(i32)", l, x, "filestatGet");
        f.define(m, "fd_filestat_set_size", "(i32 i64)->(i32)", l, x, "filestatSetSize");
        f.define(m, "fd_filestat_set_times", "(i32 i64 i64 i32)->(i32)", l, x, "filestatSetTimes");
        f.define(m, "fd_pread", "(i32 i32 i32 i64 i32)->(i32)", l, x, "pread");
        f.define(m, "fd_pwrite", "(i32 i32 i32 i64 i32)->(i32)", l, x, "pwrite");
        f.define(m, "fd_read", "(i32 i32 i32 i32)->(i32)", l, x, "read");
        f.define(m, "fd_write", "(i32 i32 i32 i32)->(i32)", l, x, "write");
        f.define(m, "fd_prestat_get", "(i32 i32)->(i32)", l, x, "prestatGet");
        f.define(m, "fd_prestat_dir_name", "(i32 i32 i32)->(i32)", l, x, "prestatDirName");
        f.define(m, "fd_readdir", "(i32 i32 i32 i64 i32)->(i32)", l, x, "readdir");
        f.define(m, "fd_renumber", "(i32 i32)->(i32)", l, x, "renumber");
        f.define(m, "fd_seek", "(i32 i64 i32 i32)->(i32)", l, x, "seek");
        f.define(m, "fd_tell", "(i32 i32)->(i32)", l, x, "tell");
    }

    /** A body that fails with an errno or a filesystem error. */
    interface Body {
        void run() throws WasiError, FsException;
    }

    /** Runs {@code b} and returns its errno (0 on success). */
    static int call(Body b) {
        try {
            b.run();
            return Errno.SUCCESS;
        } catch (WasiError e) {
            return e.errno;
        } catch (FsException e) {
            return Errno.of(e);
        }
    }

    private Descriptor descriptorOf(OpenFd f) throws WasiError {
        if (f instanceof OpenFd.File) {
            return ((OpenFd.File) f).descriptor;
        }
        if (f instanceof OpenFd.Directory) {
            return ((OpenFd.Directory) f).descriptor;
        }
        throw new WasiError(Errno.BADF);
    }

    private int advise(int fd, long offset, long len, int advice) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_ADVISE);
            if (advice < 0 || advice > 5) {
                throw new WasiError(Errno.INVAL);
            }
            if (!(f instanceof OpenFd.File)) {
                throw new WasiError(f instanceof OpenFd.Directory ? Errno.BADF : Errno.SPIPE);
            }
            FileOperations.advise(((OpenFd.File) f).descriptor, offset, len, advice);
        });
    }

    private int allocate(int fd, long offset, long len) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_ALLOCATE);
            OpenFd.File file = s.fds.file(fd, Errno.BADF);
            if (offset < 0 || len < 0 || offset + len < 0) {
                throw new WasiError(offset + len < 0 && offset >= 0 && len >= 0 ? Errno.FBIG : Errno.INVAL);
            }
            long end = offset + len;
            if (end > FileOperations.stat(file.descriptor).size()) {
                FileOperations.setSize(file.descriptor, end);
            }
        });
    }

    private int close(int fd) {
        return call(() -> s.fds.remove(fd).close());
    }

    private int datasync(int fd) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_DATASYNC);
            FileOperations.syncData(descriptorOf(f));
        });
    }

    private int sync(int fd) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_SYNC);
            FileOperations.sync(descriptorOf(f));
        });
    }

    private int fdstatGet(int fd, int ptr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            Memory m = s.memory();
            Memory.check(ptr, 24, m.buffer().length);
            m.writeLong(ptr, 0);
            m.writeByte(ptr, (byte) f.filetype());
            m.writeShort(ptr + 2, (short) f.fdflags);
            m.writeLong(ptr + 8, f.rightsBase);
            m.writeLong(ptr + 16, f.rightsInheriting);
        });
    }

    private int fdstatSetFlags(int fd, int flags) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_FDSTAT_SET_FLAGS);
            if ((flags & ~0x1f) != 0) {
                throw new WasiError(Errno.INVAL);
            }
            // The sync flags are properties of the open host file; the JDK cannot change them later.
            if ((flags & (FDFLAG_DSYNC | FDFLAG_RSYNC | FDFLAG_SYNC))
                    != (f.fdflags & (FDFLAG_DSYNC | FDFLAG_RSYNC | FDFLAG_SYNC))) {
                throw new WasiError(Errno.NOTSUP);
            }
            f.fdflags = flags;
        });
    }

    private int fdstatSetRights(int fd, long base, long inheriting) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            if ((base & ~f.rightsBase) != 0 || (inheriting & ~f.rightsInheriting) != 0) {
                throw new WasiError(Errno.NOTCAPABLE);
            }
            f.rightsBase = base;
            f.rightsInheriting = inheriting;
        });
    }

    private int filestatGet(int fd, int ptr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_FILESTAT_GET);
            if (f instanceof OpenFd.Stream) {
                abi.storeEmptyFilestat(s.memory(), ptr, f.filetype());
                return;
            }
            abi.storeFilestat(s.memory(), ptr, FileOperations.stat(descriptorOf(f)));
        });
    }

    private int filestatSetSize(int fd, long size) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_FILESTAT_SET_SIZE);
            OpenFd.File file = s.fds.file(fd, Errno.BADF);
            if (size < 0) {
                throw new WasiError(Errno.FBIG);
            }
            FileOperations.setSize(file.descriptor, size);
        });
    }

    private int filestatSetTimes(int fd, long atim, long mtim, int fst) {
        return call(() -> {
            NewTimestamp[] times = times(atim, mtim, fst);
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_FILESTAT_SET_TIMES);
            FileOperations.applyTimes(descriptorOf(f).hostPath(), times[0], times[1], false);
        });
    }

    /** The access and modification timestamps {@code fstflags} asks for; {@code EINVAL} if contradictory. */
    static NewTimestamp[] times(long atim, long mtim, int fst) throws WasiError {
        if ((fst & ~0xf) != 0 || (fst & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                || (fst & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
            throw new WasiError(Errno.INVAL);
        }
        return new NewTimestamp[] {
            timestamp(atim, (fst & FST_ATIM) != 0, (fst & FST_ATIM_NOW) != 0),
            timestamp(mtim, (fst & FST_MTIM) != 0, (fst & FST_MTIM_NOW) != 0)};
    }

    private static NewTimestamp timestamp(long nanos, boolean set, boolean now) {
        if (now) {
            return NewTimestamp.NOW;
        }
        if (!set) {
            return NewTimestamp.NO_CHANGE;
        }
        return NewTimestamp.at(new Datetime(Long.divideUnsigned(nanos, 1_000_000_000L),
                (int) Long.remainderUnsigned(nanos, 1_000_000_000L)));
    }

    private int pread(int fd, int iovs, int count, long offset, int nreadPtr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_READ);
            OpenFd.File file = s.fds.file(fd, f instanceof OpenFd.Directory ? Errno.ISDIR : Errno.SPIPE);
            if (offset < 0) {
                throw new WasiError(Errno.INVAL);
            }
            int n = readFile(file, iovs, count, offset);
            s.memory().writeInt(nreadPtr, n);
        });
    }

    private int readFile(OpenFd.File file, int iovs, int count, long offset) throws WasiError, FsException {
        int total = Math.min(s.iovTotal(iovs, count), MAX_READ);
        if (total == 0) {
            return 0;
        }
        FileOperations.ReadResult r = FileOperations.read(file.descriptor, total, offset);
        s.scatter(iovs, count, r.data(), r.data().length);
        return r.data().length;
    }

    private int pwrite(int fd, int iovs, int count, long offset, int nwrittenPtr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_WRITE);
            OpenFd.File file = s.fds.file(fd, f instanceof OpenFd.Directory ? Errno.ISDIR : Errno.SPIPE);
            if (offset < 0) {
                throw new WasiError(Errno.INVAL);
            }
            byte[] data = s.gather(iovs, count);
            FileOperations.write(file.descriptor, data, 0, data.length, offset);
            s.memory().writeInt(nwrittenPtr, data.length);
        });
    }

    private int read(int fd, int iovs, int count, int nreadPtr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_READ);
            int n;
            if (f instanceof OpenFd.Stream) {
                n = readStream((OpenFd.Stream) f, iovs, count);
            } else {
                OpenFd.File file = s.fds.file(fd, Errno.ISDIR);
                n = readFile(file, iovs, count, file.position);
                file.position += n;
            }
            s.memory().writeInt(nreadPtr, n);
        });
    }

    /**
     * Reads stdin into the first non-empty iovec: at least one byte, blocking in the host's waiter
     * until there is one (or {@code EAGAIN} for a non-blocking descriptor); 0 at end of input.
     */
    private int readStream(OpenFd.Stream f, int iovs, int count) throws WasiError {
        s.iovTotal(iovs, count);
        Memory m = s.memory();
        InputStreamResource in = f.in;
        for (int i = 0; i < count; i++) {
            int ptr = m.readInt(iovs + 8 * i);
            int len = m.readInt(iovs + 8 * i + 4);
            if (len == 0) {
                continue;
            }
            s.ctx.waiter().checkStop();
            try {
                while (true) {
                    int n = in.read(m.buffer(), ptr, len);
                    if (n != 0) {
                        return n;
                    }
                    if ((f.fdflags & FDFLAG_NONBLOCK) != 0) {
                        throw new WasiError(Errno.AGAIN);
                    }
                    s.ctx.waiter().block(in.subscribe());
                }
            } catch (StreamException e) {
                if (e.isClosed()) {
                    return 0;
                }
                throw new WasiError(Errno.IO);
            }
        }
        return 0;
    }

    private int write(int fd, int iovs, int count, int nwrittenPtr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_WRITE);
            int n;
            if (f instanceof OpenFd.Stream) {
                n = writeStream((OpenFd.Stream) f, iovs, count);
            } else {
                OpenFd.File file = s.fds.file(fd, Errno.ISDIR);
                byte[] data = s.gather(iovs, count);
                long at = (file.fdflags & FDFLAG_APPEND) != 0 ? FileOperations.size(file.descriptor) : file.position;
                FileOperations.write(file.descriptor, data, 0, data.length, at);
                file.position = at + data.length;
                n = data.length;
            }
            s.memory().writeInt(nwrittenPtr, n);
        });
    }

    /** Writes every iovec straight from guest memory to stdout or stderr. */
    private int writeStream(OpenFd.Stream f, int iovs, int count) throws WasiError {
        int total = s.iovTotal(iovs, count);
        Memory m = s.memory();
        try {
            for (int i = 0; i < count; i++) {
                int len = m.readInt(iovs + 8 * i + 4);
                if (len != 0) {
                    f.out.write(m.buffer(), m.readInt(iovs + 8 * i), len);
                }
            }
            f.out.flush();
        } catch (StreamException e) {
            throw new WasiError(e.isClosed() ? Errno.PIPE : Errno.IO);
        }
        return total;
    }

    private int prestatGet(int fd, int ptr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            if (!(f instanceof OpenFd.Directory) || ((OpenFd.Directory) f).preopenName == null) {
                throw new WasiError(Errno.BADF);
            }
            Memory m = s.memory();
            Memory.check(ptr, 8, m.buffer().length);
            m.writeInt(ptr, 0);
            m.writeInt(ptr + 4, ((OpenFd.Directory) f).preopenName.getBytes(StandardCharsets.UTF_8).length);
        });
    }

    private int prestatDirName(int fd, int ptr, int len) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            if (!(f instanceof OpenFd.Directory) || ((OpenFd.Directory) f).preopenName == null) {
                throw new WasiError(Errno.BADF);
            }
            byte[] name = ((OpenFd.Directory) f).preopenName.getBytes(StandardCharsets.UTF_8);
            if (Integer.toUnsignedLong(len) < name.length) {
                throw new WasiError(Errno.NAMETOOLONG);
            }
            s.memory().writeBytes(ptr, name);
        });
    }

    private int readdir(int fd, int buf, int bufLen, long cookie, int bufusedPtr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_READDIR);
            OpenFd.Directory d = s.fds.directory(fd);
            if (cookie == 0 || d.listing == null) {
                d.listing = DirectoryListing.list(d.descriptor);
            }
            List<DirectoryListing.Entry> entries = d.listing;
            Memory m = s.memory();
            Memory.check(buf, bufLen, m.buffer().length);
            byte[] header = new byte[DirectoryListing.DIRENT_SIZE];
            int used = 0;
            for (long i = cookie; i >= 0 && i < entries.size() && used < bufLen; i++) {
                DirectoryListing.Entry e = entries.get((int) i);
                DirectoryListing.header(header, i + 1, e);
                // An entry that does not fit is cut off: the guest sees a full buffer and asks again.
                int n = Math.min(header.length, bufLen - used);
                System.arraycopy(header, 0, m.buffer(), buf + used, n);
                used += n;
                n = Math.min(e.name().length, bufLen - used);
                System.arraycopy(e.name(), 0, m.buffer(), buf + used, n);
                used += n;
            }
            m.writeInt(bufusedPtr, used);
        });
    }

    private int renumber(int from, int to) {
        return call(() -> s.fds.renumber(from, to));
    }

    private int seek(int fd, long offset, int whence, int newOffsetPtr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            int w = abi.whence(whence);
            f.require(w == Abi.WHENCE_CUR && offset == 0 ? Rights.FD_TELL : Rights.FD_SEEK);
            if (w < 0) {
                throw new WasiError(Errno.INVAL);
            }
            OpenFd.File file = s.fds.file(fd, f instanceof OpenFd.Directory ? Errno.ISDIR : Errno.SPIPE);
            long base = w == Abi.WHENCE_SET ? 0 : w == Abi.WHENCE_CUR ? file.position
                    : FileOperations.stat(file.descriptor).size();
            long to = base + offset;
            if (to < 0 || (offset > 0 && to < base)) {
                throw new WasiError(Errno.INVAL);
            }
            file.position = to;
            s.memory().writeLong(newOffsetPtr, to);
        });
    }

    private int tell(int fd, int ptr) {
        return call(() -> {
            OpenFd f = s.fds.get(fd);
            f.require(Rights.FD_TELL);
            OpenFd.File file = s.fds.file(fd, f instanceof OpenFd.Directory ? Errno.ISDIR : Errno.SPIPE);
            s.memory().writeLong(ptr, file.position);
        });
    }
}
