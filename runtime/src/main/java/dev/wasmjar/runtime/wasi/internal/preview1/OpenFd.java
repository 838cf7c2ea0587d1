package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.wasi.internal.InputStreamResource;
import dev.wasmjar.runtime.wasi.internal.OutputStreamResource;
import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import java.util.List;

/**
 * What one preview1 file descriptor refers to, with the state preview1 keeps per descriptor and
 * 0.2 does not: rights, {@code fdflags} and, for files, the current offset.
 */
abstract class OpenFd {
    long rightsBase;
    long rightsInheriting;
    /** {@code fdflags}: append, dsync, nonblock, rsync, sync. */
    int fdflags;

    OpenFd(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    /** The preview1 {@code filetype}. */
    abstract int filetype();

    /** Fails with {@code ENOTCAPABLE} unless every right in {@code rights} is held. */
    final void require(long rights) throws WasiError {
        if ((rightsBase & rights) != rights) {
            throw new WasiError(Errno.NOTCAPABLE);
        }
    }

    /** Called once when the descriptor is closed (not when renumbered). */
    void close() {
    }

    /** stdin, stdout or stderr: a 0.2 stream, shared with the 0.2 interfaces. */
    static final class Stream extends OpenFd {
        final InputStreamResource in;
        final OutputStreamResource out;

        Stream(InputStreamResource in, OutputStreamResource out) {
            super(Rights.STDIO & ~(in == null ? Rights.FD_READ : Rights.FD_WRITE), 0, 0);
            this.in = in;
            this.out = out;
        }

        @Override
        int filetype() {
            return Filetype.CHARACTER_DEVICE;
        }
    }

    /** A file (or other non-directory) opened below a preopen. */
    static final class File extends OpenFd {
        final Descriptor descriptor;
        long position;

        File(Descriptor descriptor, long rightsBase, long rightsInheriting, int fdflags) {
            super(rightsBase, rightsInheriting, fdflags);
            this.descriptor = descriptor;
        }

        @Override
        int filetype() {
            return Filetype.of(descriptor.type());
        }

        @Override
        void close() {
            descriptor.release();
        }
    }

    /** A directory: a preopen (with its guest name) or one opened below it. */
    static final class Directory extends OpenFd {
        final Descriptor descriptor;
        /** The guest path {@code fd_prestat_dir_name} reports, or {@code null} if not a preopen. */
        final String preopenName;
        /** The entries {@code fd_readdir} pages through, listed when a read starts at cookie 0. */
        List<DirectoryListing.Entry> listing;

        Directory(Descriptor descriptor, String preopenName, long rightsBase, long rightsInheriting) {
            super(rightsBase, rightsInheriting, 0);
            this.descriptor = descriptor;
            this.preopenName = preopenName;
        }

        @Override
        int filetype() {
            return Filetype.DIRECTORY;
        }

        @Override
        void close() {
            descriptor.release();
        }
    }
}
