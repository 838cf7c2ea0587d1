package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The {@code descriptor} methods that act on the descriptor itself rather than on a path below
 * it: reading, writing, sizing, syncing, timestamps and stat.
 *
 * <p>Access is checked against the descriptor's flags: reading needs {@code read}, writing
 * needs {@code write} ({@code bad-descriptor} otherwise, like a POSIX descriptor opened in the
 * wrong mode), and changing a directory's metadata needs {@code mutate-directory}.
 */
public final class FileOperations {
    /**
     * The most bytes one {@code read} returns. A short read is allowed by the interface, and
     * bounding it keeps a guest asking for {@code u64::MAX} bytes from exhausting the heap.
     */
    public static final int MAX_READ = 16 << 20;

    private FileOperations() {
    }

    /** The result of {@code read}: the bytes and whether the end of the file was reached. */
    public record ReadResult(byte[] data, boolean eof) {
    }

    /** {@code advise}: accepted and ignored, as the interface allows (the JDK has no {@code posix_fadvise}). */
    public static void advise(Descriptor d, long offset, long length, int advice) throws FsException {
        if (d.isDirectory()) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR);
        }
        if (offset < 0 || length < 0) {
            throw new FsException(ErrorCode.INVALID);
        }
    }

    /** {@code sync-data}. */
    public static void syncData(Descriptor d) throws FsException {
        sync(d, false);
    }

    /** {@code sync}. */
    public static void sync(Descriptor d) throws FsException {
        sync(d, true);
    }

    private static void sync(Descriptor d, boolean metadata) throws FsException {
        try {
            if (d.channel() != null) {
                d.channel().force(metadata);
            } else if (d.isDirectory()) {
                // Linux lets a directory be opened read-only and fsync'ed, which makes new entries durable.
                try (FileChannel c = FileChannel.open(d.hostPath(), StandardOpenOption.READ)) {
                    c.force(metadata);
                } catch (IOException e) {
                    // Other hosts cannot open directories as channels; their entries are synced by the OS.
                }
            }
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code get-flags}. */
    public static int getFlags(Descriptor d) {
        return d.flags();
    }

    /** {@code get-type}: the type of the open object (which cannot change while it is open). */
    public static DescriptorType getType(Descriptor d) {
        return d.type();
    }

    /** {@code set-size}: truncates or extends with zeros. */
    public static void setSize(Descriptor d, long size) throws FsException {
        FileChannel c = writable(d);
        if (size < 0) {
            throw new FsException(ErrorCode.FILE_TOO_LARGE);
        }
        try {
            long current = c.size();
            if (size < current) {
                c.truncate(size);
            } else if (size > current) {
                // FileChannel cannot extend a file; writing its new last byte does, leaving a hole of zeros.
                c.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code set-times}. */
    public static void setTimes(Descriptor d, NewTimestamp access, NewTimestamp modification) throws FsException {
        if (d.isDirectory()) {
            PathOperations.requireMutable(d);
        } else if (!d.has(FsFlags.WRITE)) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR);
        }
        applyTimes(d.hostPath(), access, modification, false);
    }

    /** Sets the times of {@code host}; {@code follow}: of a symlink's target rather than the link. */
    public static void applyTimes(java.nio.file.Path host, NewTimestamp access, NewTimestamp modification, boolean follow)
            throws FsException {
        for (NewTimestamp t : new NewTimestamp[] {access, modification}) {
            if (t.kind() == NewTimestamp.Kind.TIMESTAMP
                    && Integer.compareUnsigned(t.datetime().nanoseconds(), 999_999_999) > 0) {
                throw new FsException(ErrorCode.INVALID, "nanoseconds out of range");
            }
        }
        FileTime now = FileTime.from(Instant.now());
        FileTime a = access.resolve(now);
        FileTime m = modification.resolve(now);
        if (a == null && m == null) {
            return;
        }
        try {
            BasicFileAttributeView v = follow
                    ? Files.getFileAttributeView(host, BasicFileAttributeView.class)
                    : Files.getFileAttributeView(host, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            v.setTimes(m, a, null);
            if (!follow && Files.isSymbolicLink(host)) {
                Object id = Attributes.identity(host);
                SymlinkTimes.remember(id, "a", a);
                SymlinkTimes.remember(id, "m", m);
            }
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code read}: up to {@code length} bytes (at most {@link #MAX_READ}) from {@code offset}. */
    public static ReadResult read(Descriptor d, long length, long offset) throws FsException {
        FileChannel c = readable(d);
        if (offset < 0) {
            throw new FsException(ErrorCode.INVALID);
        }
        try {
            long size = c.size();
            long want = Long.compareUnsigned(length, MAX_READ) > 0 ? MAX_READ : length;
            if (d.type() == DescriptorType.REGULAR_FILE) {
                // Don't allocate more than the file can deliver.
                want = Math.min(want, Math.max(0, size - offset) + 1);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) want);
            boolean eof = false;
            while (buf.hasRemaining()) {
                int n = c.read(buf, offset + buf.position());
                if (n < 0) {
                    eof = true;
                    break;
                }
                if (n == 0 && d.type() != DescriptorType.REGULAR_FILE) {
                    break;
                }
            }
            byte[] out = buf.position() == buf.capacity() ? buf.array()
                    : java.util.Arrays.copyOf(buf.array(), buf.position());
            return new ReadResult(out, eof);
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code write}: writes all of {@code data[off, off+len)} at {@code offset}; returns the count. */
    public static long write(Descriptor d, byte[] data, int off, int len, long offset) throws FsException {
        FileChannel c = writable(d);
        if (offset < 0) {
            throw new FsException(ErrorCode.INVALID);
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(data, off, len);
            while (buf.hasRemaining()) {
                c.write(buf, offset + (buf.position() - off));
            }
            return len;
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** The current size of an open file (for appending). */
    public static long size(Descriptor d) throws FsException {
        try {
            return writable(d).size();
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code stat}. */
    public static DescriptorStat stat(Descriptor d) throws FsException {
        try {
            DescriptorStat st = Attributes.stat(d.hostPath());
            if (d.channel() != null) {
                // Prefer the open file's own size: the path might now name another file.
                return st.withSize(d.channel().size());
            }
            return st;
        } catch (FsException e) {
            if (e.code() == ErrorCode.NO_ENTRY && d.channel() != null) {
                // The file was renamed or unlinked while open: report what the channel still knows.
                try {
                    return new DescriptorStat(d.type(), 0, d.channel().size(), null, null, null, 0, 0);
                } catch (IOException io) {
                    throw IoErrors.wrap(io);
                }
            }
            throw e;
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** {@code is-same-object}. */
    public static boolean isSameObject(Descriptor a, Descriptor b) {
        if (a == b) {
            return true;
        }
        try {
            return Attributes.identity(a.hostPath()).equals(Attributes.identity(b.hostPath()));
        } catch (FsException e) {
            return false;
        }
    }

    /** {@code metadata-hash}. */
    public static MetadataHash metadataHash(Descriptor d) throws FsException {
        return Attributes.hash(d.hostPath());
    }

    private static FileChannel readable(Descriptor d) throws FsException {
        if (d.isDirectory()) {
            throw new FsException(ErrorCode.IS_DIRECTORY);
        }
        if (!d.has(FsFlags.READ) || d.channel() == null) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR);
        }
        return d.channel();
    }

    static FileChannel writable(Descriptor d) throws FsException {
        if (d.isDirectory()) {
            throw new FsException(ErrorCode.IS_DIRECTORY);
        }
        if (!d.has(FsFlags.WRITE) || d.channel() == null) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR);
        }
        return d.channel();
    }

    /** Checks that the stream methods can read this descriptor. */
    static void checkReadable(Descriptor d) throws FsException {
        readable(d);
    }
}
