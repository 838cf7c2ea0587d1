package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@code stat}, {@code metadata-hash} and {@code is-same-object} report.
 *
 * <p>Uses the JDK's {@code unix:*} attribute view where present, which exposes
 * {@code st_mode}, {@code st_nlink}, {@code st_ctime}, {@code st_dev} and {@code st_ino}; on
 * other hosts falls back to the portable basic view (link count 1, no status-change time,
 * identity from {@code fileKey}).
 */
public final class Attributes {
    private static final boolean UNIX = java.nio.file.FileSystems.getDefault()
            .supportedFileAttributeViews().contains("unix");

    private Attributes() {
    }

    /** The attributes of the object at {@code host}, not following a final symlink. */
    public static DescriptorStat stat(Path host) throws FsException {
        try {
            if (UNIX) {
                Map<String, Object> m = Files.readAttributes(host,
                        "unix:mode,nlink,size,lastAccessTime,lastModifiedTime,ctime,dev,ino", LinkOption.NOFOLLOW_LINKS);
                DescriptorType type = DescriptorType.ofMode((Integer) m.get("mode"));
                Datetime atime = time(m.get("lastAccessTime"));
                Datetime mtime = time(m.get("lastModifiedTime"));
                if (type == DescriptorType.SYMBOLIC_LINK) {
                    Object id = unixIdentity(m);
                    atime = SymlinkTimes.restore(id, "a", atime);
                    mtime = SymlinkTimes.restore(id, "m", mtime);
                }
                return new DescriptorStat(type, ((Number) m.get("nlink")).longValue(), (Long) m.get("size"),
                        atime, mtime, time(m.get("ctime")),
                        ((Number) m.get("dev")).longValue(), ((Number) m.get("ino")).longValue());
            }
            BasicFileAttributes a = Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new DescriptorStat(DescriptorType.of(a), 1, a.size(), Datetime.of(a.lastAccessTime()),
                    Datetime.of(a.lastModifiedTime()), null, 0,
                    a.fileKey() == null ? 0 : a.fileKey().hashCode());
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /** The type of the object at {@code host}, not following a final symlink. */
    public static DescriptorType type(Path host) throws FsException {
        try {
            if (UNIX) {
                return DescriptorType.ofMode((Integer) Files.getAttribute(host, "unix:mode", LinkOption.NOFOLLOW_LINKS));
            }
            return DescriptorType.of(Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    private static Datetime time(Object t) {
        return t instanceof FileTime ? Datetime.of((FileTime) t) : null;
    }

    /** Device and inode from a {@code unix:} attribute map: the key {@link #identity} and stat share. */
    private static Object unixIdentity(Map<String, Object> m) {
        return List.of(m.get("dev"), m.get("ino"));
    }

    /** What identifies the object on the host: device and inode, or the JDK's file key. */
    static Object identity(Path host) throws FsException {
        try {
            if (UNIX) {
                Map<String, Object> m = Files.readAttributes(host, "unix:dev,ino", LinkOption.NOFOLLOW_LINKS);
                return unixIdentity(m);
            }
            Object key = Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null ? key : host.toString();
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }

    /**
     * A hash of the object's identity and of what changes when it is modified (size,
     * modification and status-change times), as the WIT asks: stable while the object is
     * untouched, different after it changes or is replaced.
     */
    static MetadataHash hash(Path host) throws FsException {
        Object id = identity(host);
        DescriptorStat st = stat(host);
        long a = id.hashCode();
        long b = st.size();
        long c = st.dataModification() == null ? 0
                : st.dataModification().seconds() * 1_000_000_000L + st.dataModification().nanoseconds();
        long d = st.statusChange() == null ? 0
                : st.statusChange().seconds() * 1_000_000_000L + st.statusChange().nanoseconds();
        if (id instanceof java.util.List<?> l) {
            a = ((Number) l.get(0)).longValue() * 0x9E3779B97F4A7C15L ^ ((Number) l.get(1)).longValue();
        }
        long lower = mix(mix(mix(mix(0x243F6A8885A308D3L, a), b), c), d);
        long upper = mix(mix(mix(mix(0x13198A2E03707344L, d), c), b), a);
        return new MetadataHash(lower, upper);
    }

    /** One round of a splitmix64-style mixer: cheap and well distributed; no security claim. */
    private static long mix(long h, long v) {
        long z = h ^ v;
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
