package dev.wasmjar.runtime.wasi.internal.preview1;

import java.util.ArrayList;
import java.util.List;

/**
 * Preview1's descriptor numbers: 0–2 are stdio, preopens follow from 3, and a new descriptor
 * takes the lowest free number, as POSIX {@code open} does (guests such as wasi-libc rely on
 * small, dense numbers).
 */
final class FdTable {
    private final List<OpenFd> fds = new ArrayList<>();
    private final int max;
    private int lowestFree;

    FdTable(int max) {
        this.max = max;
    }

    /** The descriptor {@code fd}; {@code EBADF} if none. */
    OpenFd get(int fd) throws WasiError {
        OpenFd f = fd >= 0 && fd < fds.size() ? fds.get(fd) : null;
        if (f == null) {
            throw new WasiError(Errno.BADF);
        }
        return f;
    }

    /** {@link #get} as a file; {@code wrongType} when it is a directory or stream. */
    OpenFd.File file(int fd, int wrongType) throws WasiError {
        OpenFd f = get(fd);
        if (f instanceof OpenFd.File) {
            return (OpenFd.File) f;
        }
        throw new WasiError(wrongType);
    }

    /** {@link #get} as a directory; {@code ENOTDIR} otherwise. */
    OpenFd.Directory directory(int fd) throws WasiError {
        OpenFd f = get(fd);
        if (f instanceof OpenFd.Directory) {
            return (OpenFd.Directory) f;
        }
        throw new WasiError(Errno.NOTDIR);
    }

    /** Stores {@code f} at the lowest free number; {@code EMFILE} when the table is full. */
    int add(OpenFd f) throws WasiError {
        while (lowestFree < fds.size() && fds.get(lowestFree) != null) {
            lowestFree++;
        }
        if (lowestFree >= max) {
            throw new WasiError(Errno.MFILE);
        }
        int fd = lowestFree++;
        if (fd == fds.size()) {
            fds.add(f);
        } else {
            fds.set(fd, f);
        }
        return fd;
    }

    /** Removes and returns descriptor {@code fd}; {@code EBADF} if none. */
    OpenFd remove(int fd) throws WasiError {
        OpenFd f = get(fd);
        fds.set(fd, null);
        lowestFree = Math.min(lowestFree, fd);
        return f;
    }

    /** {@code fd_renumber}: {@code to} (closed first) becomes what {@code from} was. */
    void renumber(int from, int to) throws WasiError {
        OpenFd f = get(from);
        OpenFd old = get(to);
        if (from == to) {
            return;
        }
        fds.set(to, f);
        fds.set(from, null);
        lowestFree = Math.min(lowestFree, from);
        old.close();
    }

    /** Closes every descriptor (the host is done). */
    void closeAll() {
        for (int i = 0; i < fds.size(); i++) {
            OpenFd f = fds.get(i);
            if (f != null) {
                fds.set(i, null);
                f.close();
            }
        }
        lowestFree = 0;
    }
}
