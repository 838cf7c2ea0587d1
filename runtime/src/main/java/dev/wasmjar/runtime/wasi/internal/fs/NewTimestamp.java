package dev.wasmjar.runtime.wasi.internal.fs;

import java.nio.file.attribute.FileTime;

/**
 * {@code new-timestamp}: leave a timestamp as it is, set it to the current time, or to a given
 * datetime.
 */
public record NewTimestamp(Kind kind, Datetime datetime) {
    /** The variant cases, in WIT order. */
    public enum Kind { NO_CHANGE, NOW, TIMESTAMP }

    public static final NewTimestamp NO_CHANGE = new NewTimestamp(Kind.NO_CHANGE, null);
    public static final NewTimestamp NOW = new NewTimestamp(Kind.NOW, null);

    public static NewTimestamp at(Datetime d) {
        return new NewTimestamp(Kind.TIMESTAMP, d);
    }

    /** The file time to set, or {@code null} for no change (what the JDK's {@code setTimes} expects). */
    FileTime resolve(FileTime now) {
        switch (kind) {
            case NOW:
                return now;
            case TIMESTAMP:
                return datetime.toFileTime();
            default:
                return null;
        }
    }
}
