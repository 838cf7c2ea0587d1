package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code descriptor} methods that act on a path below a directory descriptor
 * ({@code *-at}, and {@code read-directory}). Every path goes through the {@link Sandbox}; every
 * change needs {@code mutate-directory} on the directory it goes through ({@code read-only}
 * otherwise, which is how a read-only preopen is enforced).
 */
public final class PathOperations {
    private PathOperations() {
    }

    static void requireDirectory(Descriptor d) throws FsException {
        if (!d.isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
    }

    /** Fails with {@code read-only} unless {@code d} may change the entries below it. */
    static void requireMutable(Descriptor d) throws FsException {
        requireDirectory(d);
        if (!d.has(FsFlags.MUTATE_DIRECTORY)) {
            throw new FsException(ErrorCode.READ_ONLY);
        }
    }

    private static boolean follow(int pathFlags) {
        return (pathFlags & FsFlags.SYMLINK_FOLLOW) != 0;
    }

    /** {@code read-directory}. */
    public static DirectoryEntryStream readDirectory(Descriptor d) throws FsException {
        requireDirectory(d);
        if (!d.has(FsFlags.READ)) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR);
        }
        return DirectoryEntryStream.open(d.hostPath());
    }

    /** {@code create-directory-at}. */
    public static void createDirectoryAt(Descriptor d, String path) throws FsException {
        requireMutable(d);
        ResolvedPath r = Sandbox.resolve(d, path, false);
        if (r.exists() || !r.namesEntry()) {
            throw new FsException(ErrorCode.EXIST);
        }
        try {
            Files.createDirectory(r.host());
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code stat-at}. */
    public static DescriptorStat statAt(Descriptor d, int pathFlags, String path) throws FsException {
        requireDirectory(d);
        return Attributes.stat(existing(d, path, follow(pathFlags)).host());
    }

    /** {@code set-times-at}. */
    public static void setTimesAt(Descriptor d, int pathFlags, String path, NewTimestamp access,
            NewTimestamp modification) throws FsException {
        requireMutable(d);
        // The sandbox already followed any final symlink when asked to, so act on exactly what it found.
        FileOperations.applyTimes(existing(d, path, follow(pathFlags)).host(), access, modification, false);
    }

    /** {@code link-at}: a hard link at {@code newPath} (below {@code newDir}) to {@code oldPath}. */
    public static void linkAt(Descriptor d, int oldPathFlags, String oldPath, Descriptor newDir, String newPath)
            throws FsException {
        requireMutable(d);
        requireMutable(newDir);
        ResolvedPath from = existing(d, oldPath, follow(oldPathFlags));
        if (from.attrs().isDirectory()) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "cannot hard-link a directory");
        }
        ResolvedPath to = Sandbox.resolve(newDir, newPath, false);
        if (!to.exists() && to.mustBeDir()) {
            // "name/" promises a directory, and a new link can only be a file.
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (to.exists() || !to.namesEntry()) {
            throw new FsException(ErrorCode.EXIST);
        }
        try {
            Files.createLink(to.host(), from.host());
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code open-at}. */
    public static Descriptor openAt(Descriptor d, int pathFlags, String path, int openFlags, int descriptorFlags)
            throws FsException {
        requireDirectory(d);
        boolean create = (openFlags & FsFlags.CREATE) != 0;
        boolean exclusive = (openFlags & FsFlags.EXCLUSIVE) != 0;
        boolean truncate = (openFlags & FsFlags.TRUNCATE) != 0;
        boolean directory = (openFlags & FsFlags.DIRECTORY) != 0;
        boolean write = (descriptorFlags & FsFlags.WRITE) != 0;
        if ((create || truncate || write || (descriptorFlags & FsFlags.MUTATE_DIRECTORY) != 0)
                && !d.has(FsFlags.MUTATE_DIRECTORY)) {
            throw new FsException(ErrorCode.READ_ONLY);
        }
        if (create && directory) {
            // As Linux's openat(O_CREAT|O_DIRECTORY): directories are made with create-directory-at.
            throw new FsException(ErrorCode.INVALID);
        }
        ResolvedPath r = Sandbox.resolve(d, path, follow(pathFlags));
        BasicFileAttributes a = r.attrs();
        if (a == null) {
            if (!create) {
                throw new FsException(ErrorCode.NO_ENTRY);
            }
            if (r.mustBeDir()) {
                throw new FsException(ErrorCode.IS_DIRECTORY);
            }
            try {
                Files.createFile(r.host());
            } catch (FileAlreadyExistsException e) {
                // Created by someone else meanwhile: fine unless we promised exclusivity.
                if (exclusive) {
                    throw new FsException(ErrorCode.EXIST);
                }
            } catch (IOException e) {
                throw IoErrors.wrap(e);
            }
            a = Sandbox.lstat(r.host());
            if (a == null) {
                throw new FsException(ErrorCode.NO_ENTRY);
            }
        } else if (create && exclusive) {
            throw new FsException(ErrorCode.EXIST);
        }
        if (a.isSymbolicLink()) {
            // Only reachable without symlink-follow: like O_NOFOLLOW, a final symlink cannot be opened.
            throw new FsException(ErrorCode.LOOP);
        }
        if (a.isDirectory()) {
            if (write || truncate) {
                throw new FsException(ErrorCode.IS_DIRECTORY);
            }
            // A subdirectory carries its parent's capabilities, as POSIX directory permissions
            // do: wasi-libc opens directories with just `read` and then creates and removes
            // entries through them.
            int flags = (d.flags() & (FsFlags.READ | FsFlags.MUTATE_DIRECTORY))
                    | (descriptorFlags & (FsFlags.FILE_INTEGRITY_SYNC | FsFlags.DATA_INTEGRITY_SYNC
                            | FsFlags.REQUESTED_WRITE_SYNC));
            return Descriptor.directory(d.preopen(), r.components(), flags);
        }
        if (directory || r.mustBeDir()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
        if (truncate && !write) {
            throw new FsException(ErrorCode.INVALID);
        }
        int flags = descriptorFlags & FsFlags.DESCRIPTOR_FLAGS_MASK & ~FsFlags.MUTATE_DIRECTORY;
        DescriptorType type = a.isRegularFile() ? DescriptorType.REGULAR_FILE : Attributes.type(r.host());
        return Descriptor.file(d.preopen(), r.components(), type, flags, openChannel(r.host(), flags, truncate));
    }

    private static FileChannel openChannel(Path host, int flags, boolean truncate) throws FsException {
        Set<OpenOption> opts = new HashSet<>();
        if ((flags & FsFlags.READ) != 0) {
            opts.add(StandardOpenOption.READ);
        }
        if ((flags & FsFlags.WRITE) != 0) {
            opts.add(StandardOpenOption.WRITE);
            if (truncate) {
                opts.add(StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
        if (opts.isEmpty()) {
            // Opened for neither: a handle for stat and the like, which need no host file open.
            return null;
        }
        if ((flags & FsFlags.FILE_INTEGRITY_SYNC) != 0) {
            opts.add(StandardOpenOption.SYNC);
        }
        if ((flags & FsFlags.DATA_INTEGRITY_SYNC) != 0) {
            opts.add(StandardOpenOption.DSYNC);
        }
        // If the last component was swapped for a symlink since it was resolved, fail rather than follow it.
        opts.add(LinkOption.NOFOLLOW_LINKS);
        try {
            return FileChannel.open(host, opts);
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code readlink-at}. */
    public static String readlinkAt(Descriptor d, String path) throws FsException {
        requireDirectory(d);
        ResolvedPath r = existing(d, path, false);
        if (!r.attrs().isSymbolicLink()) {
            throw new FsException(ErrorCode.INVALID, "not a symlink");
        }
        try {
            return Files.readSymbolicLink(r.host()).toString();
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code remove-directory-at}. */
    public static void removeDirectoryAt(Descriptor d, String path) throws FsException {
        requireMutable(d);
        ResolvedPath r = Sandbox.resolve(d, path, false);
        if (!r.namesEntry()) {
            throw new FsException(ErrorCode.INVALID, "cannot remove " + path);
        }
        if (!r.exists()) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (!r.attrs().isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
        try {
            Files.delete(r.host());
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code unlink-file-at}: removes a non-directory (a symlink itself, not its target). */
    public static void unlinkFileAt(Descriptor d, String path) throws FsException {
        requireMutable(d);
        ResolvedPath r = Sandbox.resolve(d, path, false);
        if (!r.namesEntry()) {
            throw new FsException(ErrorCode.IS_DIRECTORY);
        }
        if (!r.exists()) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (r.attrs().isDirectory()) {
            throw new FsException(ErrorCode.IS_DIRECTORY);
        }
        try {
            Files.delete(r.host());
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code rename-at}, with POSIX {@code rename} semantics (an existing target is replaced). */
    public static void renameAt(Descriptor d, String oldPath, Descriptor newDir, String newPath) throws FsException {
        requireMutable(d);
        requireMutable(newDir);
        ResolvedPath from = Sandbox.resolve(d, oldPath, false);
        if (!from.namesEntry()) {
            throw new FsException(ErrorCode.BUSY, "cannot rename " + oldPath);
        }
        if (!from.exists()) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        ResolvedPath to = Sandbox.resolve(newDir, newPath, false);
        if (!to.namesEntry()) {
            throw new FsException(ErrorCode.BUSY, "cannot rename to " + newPath);
        }
        boolean fromDir = from.attrs().isDirectory();
        if (to.exists()) {
            boolean toDir = to.attrs().isDirectory();
            if (fromDir && !toDir) {
                throw new FsException(ErrorCode.NOT_DIRECTORY);
            }
            if (!fromDir && toDir) {
                throw new FsException(ErrorCode.IS_DIRECTORY);
            }
        } else if (!fromDir && to.mustBeDir()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
        if (fromDir && d.preopen().root().equals(newDir.preopen().root())
                && to.components().size() > from.components().size()
                && to.components().subList(0, from.components().size()).equals(from.components())) {
            throw new FsException(ErrorCode.INVALID, "cannot move a directory into itself");
        }
        try {
            // ATOMIC_MOVE is rename(2): it replaces an existing target (or an empty directory) in one step.
            Files.move(from.host(), to.host(), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new FsException(ErrorCode.CROSS_DEVICE);
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code symlink-at}: a symlink at {@code newPath} whose target text is {@code oldPath}. */
    public static void symlinkAt(Descriptor d, String oldPath, String newPath) throws FsException {
        requireMutable(d);
        if (oldPath.isEmpty()) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (oldPath.indexOf('\0') >= 0) {
            throw new FsException(ErrorCode.INVALID);
        }
        if (oldPath.startsWith("/")) {
            // The sandbox never follows it, but a host process might: don't plant one.
            throw FsException.outsideSandbox("absolute symlink target");
        }
        ResolvedPath r = Sandbox.resolve(d, newPath, false);
        if (!r.exists() && r.mustBeDir()) {
            // "name/" promises a directory, and a new symlink is not one.
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (r.exists() || !r.namesEntry()) {
            throw new FsException(ErrorCode.EXIST);
        }
        try {
            Files.createSymbolicLink(r.host(), r.host().getFileSystem().getPath(oldPath));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code metadata-hash-at}. */
    public static MetadataHash metadataHashAt(Descriptor d, int pathFlags, String path) throws FsException {
        requireDirectory(d);
        return Attributes.hash(existing(d, path, follow(pathFlags)).host());
    }

    private static ResolvedPath existing(Descriptor d, String path, boolean follow) throws FsException {
        ResolvedPath r = Sandbox.resolve(d, path, follow);
        if (!r.exists()) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        return r;
    }
}
