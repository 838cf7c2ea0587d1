package dev.wasmjar.runtime.wasi.internal.fs;

import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * {@code wasi:clocks/wall-clock.datetime}: seconds and nanoseconds since the Unix epoch.
 * {@code seconds} is a u64 on the wire; times before 1970 cannot be represented and are
 * clamped to the epoch.
 */
public record Datetime(long seconds, int nanoseconds) {

    /** The datetime of a file time (clamped at the epoch). */
    public static Datetime of(FileTime t) {
        Instant i = t.toInstant();
        if (i.getEpochSecond() < 0) {
            return new Datetime(0, 0);
        }
        return new Datetime(i.getEpochSecond(), i.getNano());
    }

    /**
     * This datetime as a file time; {@code seconds} is read as unsigned and saturates.
     * Callers reject {@code nanoseconds} of a second or more first.
     */
    public FileTime toFileTime() {
        long s = seconds < 0 ? Long.MAX_VALUE / 1_000_000_000L : seconds;
        return FileTime.from(Instant.ofEpochSecond(Math.min(s, Instant.MAX.getEpochSecond()),
                nanoseconds));
    }
}
