package dev.wasmjar.runtime.wasi.internal.preview1;

import static dev.wasmjar.runtime.wasi.internal.preview1.FdFunctions.call;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import dev.wasmjar.runtime.wasi.internal.fs.FsFlags;
import dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp;
import dev.wasmjar.runtime.wasi.internal.fs.PathOperations;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;

/**
 * The {@code path_*} functions: each checks the directory descriptor's rights, then runs the
 * 0.2 operation, whose {@code Sandbox} keeps every path inside its preopen ({@code ..},
 * symlinks, absolute paths), so preview1 and 0.2 guests are confined alike.
 */
final class PathFunctions {
    static final int LOOKUP_SYMLINK_FOLLOW = 1;
    static final int OFLAG_CREAT = 1;
    static final int OFLAG_DIRECTORY = 2;
    static final int OFLAG_EXCL = 4;
    static final int OFLAG_TRUNC = 8;

    private final Preview1State s;
    private final Abi abi;

    private PathFunctions(Preview1State s, Abi abi) {
        this.s = s;
        this.abi = abi;
    }

    static void register(HostFunctions f, Preview1State s, Abi abi) {
        PathFunctions x = new PathFunctions(s, abi);
        MethodHandles.Lookup l = MethodHandles.lookup();
        String m = abi.module;
        f.define(m, "path_create_directory", "(i32 i32 i32)->(i32)", l, x, "createDirectory");
        f.define(m, "path_filestat_get", "(i32 i32 i32 i32 i32)->(i32)", l, x, "filestatGet");
        f.define(m, "path_filestat_set_times", "(i32 i32 i32 i32 i64 i64 i32)->(i32)", l, x, "filestatSetTimes");
        f.define(m, "path_link", "(i32 i32 i32 i32 i32 i32 i32)->(i32)", l, x, "link");
        f.define(m, "path_open", "(i32 i32 i32 i32 i32 i64 i64 i32 i32)->(i32)", l, x, "open");
        f.define(m, "path_readlink", "(i32 i32 i32 i32 i32 i32)->(i32)", l, x, "readlink");
        f.define(m, "path_remove_directory", "(i32 i32 i32)->(i32)", l, x, "removeDirectory");
        f.define(m, "path_rename", "(i32 i32 i32 i32 i32 i32)->(i32)", l, x, "rename");
        f.define(m, "path_symlink", "(i32 i32 i32 i32 i32)->(i32)", l, x, "symlink");
        f.define(m, "path_unlink_file", "(i32 i32 i32)->(i32)", l, x, "unlinkFile");
    }

    /** The directory {@code fd} with {@code rights}; {@code ENOTDIR}/{@code EBADF}/{@code ENOTCAPABLE} otherwise. */
    private Descriptor dir(int fd, long rights) throws WasiError {
        OpenFd.Directory d = s.fds.directory(fd);
        d.require(rights);
        return d.descriptor;
    }

    private static int pathFlags(int lookupFlags) {
        return (lookupFlags & LOOKUP_SYMLINK_FOLLOW) != 0 ? FsFlags.SYMLINK_FOLLOW : 0;
    }

    private int createDirectory(int fd, int path, int len) {
        return call(() -> PathOperations.createDirectoryAt(dir(fd, Rights.PATH_CREATE_DIRECTORY), s.path(path, len)));
    }

    private int filestatGet(int fd, int flags, int path, int len, int ptr) {
        return call(() -> abi.storeFilestat(s.memory(), ptr,
                PathOperations.statAt(dir(fd, Rights.PATH_FILESTAT_GET), pathFlags(flags), s.path(path, len))));
    }

    private int filestatSetTimes(int fd, int flags, int path, int len, long atim, long mtim, int fst) {
        return call(() -> {
            NewTimestamp[] t = FdFunctions.times(atim, mtim, fst);
            PathOperations.setTimesAt(dir(fd, Rights.PATH_FILESTAT_SET_TIMES), pathFlags(flags), s.path(path, len),
                    t[0], t[1]);
        });
    }

    private int link(int oldFd, int oldFlags, int oldPath, int oldLen, int newFd, int newPath, int newLen) {
        return call(() -> PathOperations.linkAt(dir(oldFd, Rights.PATH_LINK_SOURCE), pathFlags(oldFlags),
                s.path(oldPath, oldLen), dir(newFd, Rights.PATH_LINK_TARGET), s.path(newPath, newLen)));
    }

    private int open(int fd, int lookupFlags, int path, int len, int oflags, long rightsBase, long rightsInheriting,
            int fdflags, int fdPtr) {
        return call(() -> {
            OpenFd.Directory d = s.fds.directory(fd);
            d.require(Rights.PATH_OPEN);
            if ((oflags & ~0xf) != 0 || (fdflags & ~0x1f) != 0) {
                throw new WasiError(Errno.INVAL);
            }
            if ((oflags & OFLAG_CREAT) != 0) {
                d.require(Rights.PATH_CREATE_FILE);
            }
            if ((oflags & OFLAG_TRUNC) != 0) {
                d.require(Rights.PATH_FILESTAT_SET_SIZE);
            }
            String p = s.path(path, len);
            // Asking for more than the directory passes on is not an error: the new descriptor
            // simply gets the intersection, as wasi-libc and Go expect.
            long base = rightsBase & d.rightsInheriting;
            long inheriting = rightsInheriting & d.rightsInheriting;
            int flags = 0;
            if ((base & Rights.NEED_READ) != 0) {
                flags |= FsFlags.READ;
            }
            if ((base & Rights.NEED_WRITE) != 0 || (fdflags & FdFunctions.FDFLAG_APPEND) != 0
                    || (oflags & OFLAG_TRUNC) != 0) {
                // Truncation needs a writable host file even when the guest asked for no write right;
                // a directory opened for writing fails with EISDIR, as on POSIX.
                flags |= FsFlags.WRITE;
            }
            if ((fdflags & FdFunctions.FDFLAG_SYNC) != 0) {
                flags |= FsFlags.FILE_INTEGRITY_SYNC;
            }
            if ((fdflags & FdFunctions.FDFLAG_DSYNC) != 0) {
                flags |= FsFlags.DATA_INTEGRITY_SYNC;
            }
            if ((fdflags & FdFunctions.FDFLAG_RSYNC) != 0) {
                flags |= FsFlags.REQUESTED_WRITE_SYNC;
            }
            // preview1's oflags bits are 0.2's open-flags bits.
            Descriptor opened = PathOperations.openAt(d.descriptor, pathFlags(lookupFlags), p, oflags, flags);
            OpenFd f = opened.isDirectory()
                    ? new OpenFd.Directory(opened, null, base & Rights.DIRECTORY, inheriting)
                    : new OpenFd.File(opened, base & Rights.FILE, inheriting, fdflags);
            int newFd;
            try {
                newFd = s.fds.add(f);
            } catch (WasiError e) {
                f.close();
                throw e;
            }
            s.memory().writeInt(fdPtr, newFd);
        });
    }

    private int readlink(int fd, int path, int len, int buf, int bufLen, int bufusedPtr) {
        return call(() -> {
            byte[] target = PathOperations.readlinkAt(dir(fd, Rights.PATH_READLINK), s.path(path, len))
                    .getBytes(StandardCharsets.UTF_8);
            Memory m = s.memory();
            Memory.check(buf, bufLen, m.buffer().length);
            // As readlink(2): a short buffer gets the first bytes.
            int n = (int) Math.min(target.length, Integer.toUnsignedLong(bufLen));
            System.arraycopy(target, 0, m.buffer(), buf, n);
            m.writeInt(bufusedPtr, n);
        });
    }

    private int removeDirectory(int fd, int path, int len) {
        return call(() -> PathOperations.removeDirectoryAt(dir(fd, Rights.PATH_REMOVE_DIRECTORY), s.path(path, len)));
    }

    private int rename(int fd, int oldPath, int oldLen, int newFd, int newPath, int newLen) {
        return call(() -> PathOperations.renameAt(dir(fd, Rights.PATH_RENAME_SOURCE), s.path(oldPath, oldLen),
                dir(newFd, Rights.PATH_RENAME_TARGET), s.path(newPath, newLen)));
    }

    private int symlink(int oldPath, int oldLen, int fd, int newPath, int newLen) {
        return call(() -> PathOperations.symlinkAt(dir(fd, Rights.PATH_SYMLINK), s.path(oldPath, oldLen),
                s.path(newPath, newLen)));
    }

    private int unlinkFile(int fd, int path, int len) {
        return call(() -> PathOperations.unlinkFileAt(dir(fd, Rights.PATH_UNLINK_FILE), s.path(path, len)));
    }
}
