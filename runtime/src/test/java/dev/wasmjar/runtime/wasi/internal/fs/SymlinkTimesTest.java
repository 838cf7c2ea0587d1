package dev.wasmjar.runtime.wasi.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymlinkTimesTest {
    @TempDir
    Path dir;

    @Test
    void aSymlinksOwnMtimeReadsBackToTheNanosecond() throws IOException, FsException {
        Files.writeString(dir.resolve("target"), "x");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
        Descriptor root = new Preopen(dir, "/", false).open();
        Datetime exact = new Datetime(1_700_000_000L, 123_456_789);
        PathOperations.setTimesAt(root, 0, "link", NewTimestamp.NO_CHANGE, NewTimestamp.at(exact));
        assertEquals(exact, PathOperations.statAt(root, 0, "link").dataModification());
        // the link's target is untouched
        assertEquals(Files.getLastModifiedTime(dir.resolve("target")),
                FileTime.from(PathOperations.statAt(root, FsFlags.SYMLINK_FOLLOW, "link").dataModification()
                        .toFileTime().toInstant()));
    }

    @Test
    void aTimeChangedSinceIsReportedAsTheHostHasIt() throws IOException, FsException {
        Files.writeString(dir.resolve("target"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target"));
        Descriptor root = new Preopen(dir, "/", false).open();
        PathOperations.setTimesAt(root, 0, "link", NewTimestamp.NO_CHANGE,
                NewTimestamp.at(new Datetime(1_700_000_000L, 123_456_789)));
        // someone else sets another time (whole seconds survive any host precision)
        Files.getFileAttributeView(link, java.nio.file.attribute.BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(Instant.ofEpochSecond(1_600_000_000L)), null, null);
        assertEquals(new Datetime(1_600_000_000L, 0), PathOperations.statAt(root, 0, "link").dataModification());
    }

    @Test
    void restoreOnlyFillsInLostSubMicroseconds() {
        Object id = java.util.List.of("dev", "ino-restore-test");
        SymlinkTimes.remember(id, "m", FileTime.from(Instant.ofEpochSecond(10, 123_456_789)));
        assertEquals(new Datetime(10, 123_456_789), SymlinkTimes.restore(id, "m", new Datetime(10, 123_456_000)));
        assertEquals(new Datetime(10, 123_457_000), SymlinkTimes.restore(id, "m", new Datetime(10, 123_457_000)));
        assertEquals(new Datetime(11, 123_456_000), SymlinkTimes.restore(id, "m", new Datetime(11, 123_456_000)));
        assertEquals(new Datetime(10, 123_456_000), SymlinkTimes.restore(id, "a", new Datetime(10, 123_456_000)));
    }
}
