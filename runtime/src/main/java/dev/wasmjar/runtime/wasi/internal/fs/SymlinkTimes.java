package dev.wasmjar.runtime.wasi.internal.fs;

import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nanoseconds the JDK drops when setting a symlink's own times.
 *
 * <p>On Linux the JDK sets a symlink's times (not following it) with {@code lutimes}, which
 * takes microseconds, while {@code stat} reports nanoseconds: a guest that sets a link's mtime
 * and reads it back would see its value rounded down. This table remembers, per link identity
 * (device and inode) and field, the exact value last set through this process; {@link #restore}
 * hands it back when the host still reports that value rounded to microseconds, so anything
 * else that changed the time since wins. Bounded, oldest entries dropped first.
 */
final class SymlinkTimes {
    private static final int CAPACITY = 4096;
    private static final Map<List<Object>, Datetime> EXACT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Datetime> eldest) {
            return size() > CAPACITY;
        }
    };

    private SymlinkTimes() {
    }

    /** Records {@code t} as set for {@code field} ("a" or "m") of the link {@code identity}. */
    static void remember(Object identity, String field, FileTime t) {
        if (t == null) {
            return;
        }
        Datetime exact = Datetime.of(t);
        List<Object> key = List.of(identity, field);
        synchronized (EXACT) {
            if (exact.nanoseconds() % 1000 == 0) {
                EXACT.remove(key);
            } else {
                EXACT.put(key, exact);
            }
        }
    }

    /** {@code reported}, or the exact value set for it if the host only lost its sub-microseconds. */
    static Datetime restore(Object identity, String field, Datetime reported) {
        if (reported == null) {
            return null;
        }
        Datetime exact;
        synchronized (EXACT) {
            exact = EXACT.get(List.of(identity, field));
        }
        if (exact != null && exact.seconds() == reported.seconds()
                && exact.nanoseconds() / 1000 == reported.nanoseconds() / 1000 && reported.nanoseconds() % 1000 == 0) {
            return exact;
        }
        return reported;
    }
}
