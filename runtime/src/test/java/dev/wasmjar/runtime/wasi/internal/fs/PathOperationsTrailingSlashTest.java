package dev.wasmjar.runtime.wasi.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trailing slash names a directory: new links and symlinks are not directories. */
class PathOperationsTrailingSlashTest {
    @TempDir
    Path dir;

    @Test
    void linkToANewNameWithATrailingSlashIsNoEntry() throws IOException {
        Files.writeString(dir.resolve("file"), "x");
        Descriptor root = new Preopen(dir, "/", false).open();
        FsException e = assertThrows(FsException.class, () -> PathOperations.linkAt(root, 0, "file", root, "link/"));
        assertEquals(ErrorCode.NO_ENTRY, e.code());
        assertFalse(Files.exists(dir.resolve("link")));
    }

    @Test
    void symlinkAtANewNameWithATrailingSlashIsNoEntryAndAtADirectoryExist() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Descriptor root = new Preopen(dir, "/", false).open();
        assertEquals(ErrorCode.NO_ENTRY,
                assertThrows(FsException.class, () -> PathOperations.symlinkAt(root, "source", "target/")).code());
        assertFalse(Files.exists(dir.resolve("target"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(ErrorCode.EXIST,
                assertThrows(FsException.class, () -> PathOperations.symlinkAt(root, "source", "sub/")).code());
    }
}
