package dev.wasmjar.runtime.wasi.internal.preview1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import dev.wasmjar.runtime.wasi.internal.fs.Preopen;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryListingTest {
    @TempDir
    Path dir;

    @Test
    void listsDotAndDotDotThenEntriesSortedByName() throws IOException, FsException {
        Files.writeString(dir.resolve("b.txt"), "b");
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("a.txt"));
        List<DirectoryListing.Entry> entries = DirectoryListing.list(new Preopen(dir, "/", false).open());
        assertEquals(List.of(".", "..", "a.txt", "b.txt", "link", "sub"),
                entries.stream().map(e -> new String(e.name(), StandardCharsets.UTF_8)).toList());
        assertEquals(List.of(Filetype.DIRECTORY, Filetype.DIRECTORY, Filetype.REGULAR_FILE, Filetype.REGULAR_FILE,
                Filetype.SYMBOLIC_LINK, Filetype.DIRECTORY), entries.stream().map(e -> e.filetype()).toList());
        long ino = (Long) Files.getAttribute(dir.resolve("a.txt"), "unix:ino");
        assertEquals(ino, entries.get(2).inode());
    }

    @Test
    void headerIsTheLittleEndianDirent() {
        byte[] h = new byte[DirectoryListing.DIRENT_SIZE];
        DirectoryListing.header(h, 5, new DirectoryListing.Entry("abc".getBytes(StandardCharsets.UTF_8), 42,
                Filetype.REGULAR_FILE));
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5, b.getLong(0));
        assertEquals(42, b.getLong(8));
        assertEquals(3, b.getInt(16));
        assertEquals(Filetype.REGULAR_FILE, b.get(20));
    }
}
