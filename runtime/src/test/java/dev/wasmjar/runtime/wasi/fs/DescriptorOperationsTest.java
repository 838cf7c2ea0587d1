package dev.wasmjar.runtime.wasi.fs;

import static dev.wasmjar.runtime.wasi.fs.SandboxTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.wasi.internal.StreamException;
import dev.wasmjar.runtime.wasi.internal.InputStreamResource;
import dev.wasmjar.runtime.wasi.internal.OutputStreamResource;
import dev.wasmjar.runtime.wasi.internal.fs.Datetime;
import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorStat;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorType;
import dev.wasmjar.runtime.wasi.internal.fs.DirectoryEntry;
import dev.wasmjar.runtime.wasi.internal.fs.DirectoryEntryStream;
import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.FileOperations;
import dev.wasmjar.runtime.wasi.internal.fs.FileStreams;
import dev.wasmjar.runtime.wasi.internal.fs.FsFlags;
import dev.wasmjar.runtime.wasi.internal.fs.MetadataHash;
import dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp;
import dev.wasmjar.runtime.wasi.internal.fs.PathOperations;
import dev.wasmjar.runtime.wasi.internal.fs.Preopen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Success and failure of every {@code descriptor} method on real temp directories. */
class DescriptorOperationsTest {
    private static final int RW = FsFlags.READ | FsFlags.WRITE;

    @TempDir
    Path root;
    Descriptor dir;
    final List<Descriptor> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("hello.txt"), "hello, world\n");
        Files.createDirectory(root.resolve("d"));
        dir = new Preopen(root, "/data", false).open();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Descriptor::release);
    }

    private Descriptor open(String path, int openFlags, int flags) throws Exception {
        Descriptor d = PathOperations.openAt(dir, FsFlags.SYMLINK_FOLLOW, path, openFlags, flags);
        opened.add(d);
        return d;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void openAtCreateExclusiveTruncateDirectory() throws Exception {
        Descriptor f = open("new.txt", FsFlags.CREATE, RW);
        assertEquals(DescriptorType.REGULAR_FILE, FileOperations.getType(f));
        assertEquals(RW, FileOperations.getFlags(f));
        assertTrue(Files.isRegularFile(root.resolve("new.txt")));
        assertCode(ErrorCode.EXIST, () -> open("new.txt", FsFlags.CREATE | FsFlags.EXCLUSIVE, RW));
        open("new.txt", FsFlags.CREATE, RW); // plain create of an existing file just opens it
        assertCode(ErrorCode.NO_ENTRY, () -> open("absent.txt", 0, FsFlags.READ));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> open("hello.txt", FsFlags.DIRECTORY, FsFlags.READ));
        assertCode(ErrorCode.IS_DIRECTORY, () -> open("d", 0, RW));
        assertCode(ErrorCode.IS_DIRECTORY, () -> open("d2/", FsFlags.CREATE, RW));
        assertCode(ErrorCode.INVALID, () -> open("d3", FsFlags.CREATE | FsFlags.DIRECTORY, FsFlags.READ));
        assertCode(ErrorCode.INVALID, () -> open("hello.txt", FsFlags.TRUNCATE, FsFlags.READ));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> PathOperations.openAt(f, 0, "x", 0, FsFlags.READ));

        Descriptor t = open("hello.txt", FsFlags.TRUNCATE, FsFlags.WRITE);
        assertEquals(0, Files.size(root.resolve("hello.txt")));
        assertEquals(0, FileOperations.stat(t).size());

        Descriptor d = open("d", FsFlags.DIRECTORY, FsFlags.READ);
        assertEquals(DescriptorType.DIRECTORY, FileOperations.getType(d));
        // A subdirectory keeps the parent's right to change entries.
        assertTrue(d.has(FsFlags.MUTATE_DIRECTORY));
        PathOperations.createDirectoryAt(d, "inside");
        assertTrue(Files.isDirectory(root.resolve("d/inside")));
    }

    @Test
    void readAndWriteAtOffsets() throws Exception {
        Descriptor f = open("hello.txt", 0, RW);
        FileOperations.ReadResult r = FileOperations.read(f, 5, 0);
        assertEquals("hello", new String(r.data(), StandardCharsets.UTF_8));
        assertFalse(r.eof());
        r = FileOperations.read(f, 100, 7);
        assertEquals("world\n", new String(r.data(), StandardCharsets.UTF_8));
        assertTrue(r.eof());
        r = FileOperations.read(f, 10, 1000);
        assertEquals(0, r.data().length);
        assertTrue(r.eof());
        assertEquals(0, FileOperations.read(f, 0, 0).data().length);

        assertEquals(5, FileOperations.write(f, bytes("xxHELLOxx"), 2, 5, 0));
        assertEquals("HELLO, world\n", Files.readString(root.resolve("hello.txt")));
        // Writing past the end leaves a hole of zeros.
        FileOperations.write(f, bytes("!"), 0, 1, 15);
        byte[] all = Files.readAllBytes(root.resolve("hello.txt"));
        assertEquals(16, all.length);
        assertEquals(0, all[13]);
        assertEquals('!', all[15]);

        assertCode(ErrorCode.INVALID, () -> FileOperations.read(f, 1, -1));
        assertCode(ErrorCode.INVALID, () -> FileOperations.write(f, new byte[1], 0, 1, -1));
        Descriptor ro = open("hello.txt", 0, FsFlags.READ);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.write(ro, new byte[1], 0, 1, 0));
        Descriptor wo = open("hello.txt", 0, FsFlags.WRITE);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.read(wo, 1, 0));
        assertCode(ErrorCode.IS_DIRECTORY, () -> FileOperations.read(dir, 1, 0));
        assertCode(ErrorCode.IS_DIRECTORY, () -> FileOperations.write(dir, new byte[1], 0, 1, 0));
    }

    @Test
    void hugeReadRequestsAreBounded() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        Files.write(root.resolve("big.bin"), big);
        Descriptor f = open("big.bin", 0, FsFlags.READ);
        FileOperations.ReadResult r = FileOperations.read(f, -1L /* u64 max */, 0);
        assertArrayEquals(big, r.data());
        assertTrue(r.eof());
    }

    @Test
    void setSizeShrinksAndGrows() throws Exception {
        Descriptor f = open("hello.txt", 0, RW);
        FileOperations.setSize(f, 5);
        assertEquals("hello", Files.readString(root.resolve("hello.txt")));
        FileOperations.setSize(f, 8);
        assertArrayEquals(new byte[] {'h', 'e', 'l', 'l', 'o', 0, 0, 0}, Files.readAllBytes(root.resolve("hello.txt")));
        assertEquals(8, FileOperations.stat(f).size());
        assertCode(ErrorCode.FILE_TOO_LARGE, () -> FileOperations.setSize(f, -1));
        assertCode(ErrorCode.IS_DIRECTORY, () -> FileOperations.setSize(dir, 0));
        Descriptor ro = open("hello.txt", 0, FsFlags.READ);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.setSize(ro, 0));
    }

    @Test
    void statAndStatAt() throws Exception {
        Files.createSymbolicLink(root.resolve("link"), Path.of("hello.txt"));
        Files.setLastModifiedTime(root.resolve("hello.txt"), FileTime.from(Instant.ofEpochSecond(1_000_000_000L, 123_000_000)));
        DescriptorStat st = PathOperations.statAt(dir, FsFlags.SYMLINK_FOLLOW, "hello.txt");
        assertEquals(DescriptorType.REGULAR_FILE, st.type());
        assertEquals(13, st.size());
        assertEquals(1, st.linkCount());
        assertEquals(new Datetime(1_000_000_000L, 123_000_000), st.dataModification());
        assertNotNull(st.dataAccess());
        assertNotNull(st.statusChange());
        assertEquals(DescriptorType.REGULAR_FILE, PathOperations.statAt(dir, FsFlags.SYMLINK_FOLLOW, "link").type());
        DescriptorStat l = PathOperations.statAt(dir, 0, "link");
        assertEquals(DescriptorType.SYMBOLIC_LINK, l.type());
        assertEquals("hello.txt".length(), l.size());
        assertEquals(DescriptorType.DIRECTORY, FileOperations.stat(dir).type());
        assertEquals(DescriptorType.DIRECTORY, PathOperations.statAt(dir, 0, ".").type());
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.statAt(dir, 0, "nope"));
        Descriptor f = open("hello.txt", 0, FsFlags.READ);
        assertEquals(13, FileOperations.stat(f).size());
        assertCode(ErrorCode.NOT_DIRECTORY, () -> PathOperations.statAt(f, 0, "x"));
    }

    @Test
    void statOfAnOpenFileSurvivesItsRename() throws Exception {
        Descriptor f = open("hello.txt", 0, FsFlags.READ);
        PathOperations.renameAt(dir, "hello.txt", dir, "moved.txt");
        assertEquals(13, FileOperations.stat(f).size());
        assertEquals("hello", new String(FileOperations.read(f, 5, 0).data(), StandardCharsets.UTF_8));
    }

    @Test
    void setTimesAndSetTimesAt() throws Exception {
        Datetime t1 = new Datetime(1_600_000_000L, 5_000);
        Datetime t2 = new Datetime(1_500_000_000L, 0);
        PathOperations.setTimesAt(dir, FsFlags.SYMLINK_FOLLOW, "hello.txt", NewTimestamp.at(t1), NewTimestamp.at(t2));
        DescriptorStat st = PathOperations.statAt(dir, 0, "hello.txt");
        assertEquals(t1, st.dataAccess());
        assertEquals(t2, st.dataModification());
        // no-change leaves one alone; now moves the other to the present.
        PathOperations.setTimesAt(dir, 0, "hello.txt", NewTimestamp.NO_CHANGE, NewTimestamp.NOW);
        st = PathOperations.statAt(dir, 0, "hello.txt");
        assertEquals(t1, st.dataAccess());
        assertTrue(st.dataModification().seconds() > 1_700_000_000L);

        Descriptor f = open("hello.txt", 0, RW);
        FileOperations.setTimes(f, NewTimestamp.NO_CHANGE, NewTimestamp.at(t2));
        assertEquals(t2, FileOperations.stat(f).dataModification());
        FileOperations.setTimes(dir, NewTimestamp.at(t1), NewTimestamp.at(t1));
        assertEquals(t1, FileOperations.stat(dir).dataModification());
        Descriptor ro = open("hello.txt", 0, FsFlags.READ);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.setTimes(ro, NewTimestamp.NOW, NewTimestamp.NOW));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.setTimesAt(dir, 0, "nope", NewTimestamp.NOW, NewTimestamp.NOW));
    }

    @Test
    void readDirectoryListsSortedEntriesWithTypes() throws Exception {
        Files.writeString(root.resolve("b.txt"), "b");
        Files.createSymbolicLink(root.resolve("a-link"), Path.of("b.txt"));
        DirectoryEntryStream s = PathOperations.readDirectory(dir);
        List<DirectoryEntry> entries = new ArrayList<>();
        for (DirectoryEntry e; (e = s.next()) != null;) {
            entries.add(e);
        }
        assertEquals(List.of(new DirectoryEntry(DescriptorType.SYMBOLIC_LINK, "a-link"),
                new DirectoryEntry(DescriptorType.REGULAR_FILE, "b.txt"),
                new DirectoryEntry(DescriptorType.DIRECTORY, "d"),
                new DirectoryEntry(DescriptorType.REGULAR_FILE, "hello.txt")), entries);
        assertNull(s.next());
        assertFalse(PathOperations.readDirectory(open("d", 0, FsFlags.READ)).next() != null);
        Descriptor f = open("hello.txt", 0, FsFlags.READ);
        assertCode(ErrorCode.NOT_DIRECTORY, () -> PathOperations.readDirectory(f));
        // A directory's rights come from the directory it was opened through, not the requested flags.
        Descriptor noFlags = open("d", 0, 0);
        assertEquals(FsFlags.READ | FsFlags.MUTATE_DIRECTORY, FileOperations.getFlags(noFlags));
        assertNull(PathOperations.readDirectory(noFlags).next());
    }

    @Test
    void entriesRemovedAfterListingAreSkipped() throws Exception {
        Files.writeString(root.resolve("gone.txt"), "x");
        DirectoryEntryStream s = PathOperations.readDirectory(dir);
        Files.delete(root.resolve("gone.txt"));
        List<String> names = new ArrayList<>();
        for (DirectoryEntry e; (e = s.next()) != null;) {
            names.add(e.name());
        }
        assertEquals(List.of("d", "hello.txt"), names);
    }

    @Test
    void createAndRemoveDirectories() throws Exception {
        PathOperations.createDirectoryAt(dir, "new");
        PathOperations.createDirectoryAt(dir, "new/nested/");
        assertTrue(Files.isDirectory(root.resolve("new/nested")));
        assertCode(ErrorCode.EXIST, () -> PathOperations.createDirectoryAt(dir, "new"));
        assertCode(ErrorCode.EXIST, () -> PathOperations.createDirectoryAt(dir, "hello.txt"));
        assertCode(ErrorCode.EXIST, () -> PathOperations.createDirectoryAt(dir, "."));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.createDirectoryAt(dir, "x/y"));
        assertCode(ErrorCode.NOT_EMPTY, () -> PathOperations.removeDirectoryAt(dir, "new"));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> PathOperations.removeDirectoryAt(dir, "hello.txt"));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.removeDirectoryAt(dir, "absent"));
        PathOperations.removeDirectoryAt(dir, "new/nested");
        PathOperations.removeDirectoryAt(dir, "new");
        assertFalse(Files.exists(root.resolve("new")));
    }

    @Test
    void unlinkFiles() throws Exception {
        assertCode(ErrorCode.IS_DIRECTORY, () -> PathOperations.unlinkFileAt(dir, "d"));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.unlinkFileAt(dir, "absent"));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> PathOperations.unlinkFileAt(dir, "hello.txt/"));
        PathOperations.unlinkFileAt(dir, "hello.txt");
        assertFalse(Files.exists(root.resolve("hello.txt")));
    }

    @Test
    void renameFollowsPosixRules() throws Exception {
        Files.writeString(root.resolve("other.txt"), "other");
        Files.createDirectories(root.resolve("full/x"));
        PathOperations.renameAt(dir, "hello.txt", dir, "d/renamed.txt");
        assertEquals("hello, world\n", Files.readString(root.resolve("d/renamed.txt")));
        // Replaces an existing file atomically.
        PathOperations.renameAt(dir, "other.txt", dir, "d/renamed.txt");
        assertEquals("other", Files.readString(root.resolve("d/renamed.txt")));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.renameAt(dir, "absent", dir, "x"));
        assertCode(ErrorCode.IS_DIRECTORY, () -> PathOperations.renameAt(dir, "d/renamed.txt", dir, "full"));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> PathOperations.renameAt(dir, "full", dir, "d/renamed.txt"));
        assertCode(ErrorCode.NOT_EMPTY, () -> PathOperations.renameAt(dir, "d", dir, "full"));
        assertCode(ErrorCode.INVALID, () -> PathOperations.renameAt(dir, "full", dir, "full/x/inside"));
        assertCode(ErrorCode.BUSY, () -> PathOperations.renameAt(dir, ".", dir, "elsewhere"));
        // A directory may replace an empty one.
        Files.createDirectory(root.resolve("empty"));
        PathOperations.renameAt(dir, "full", dir, "empty");
        assertTrue(Files.isDirectory(root.resolve("empty/x")));
        // Across descriptors of the same preopen.
        Descriptor sub = open("d", 0, FsFlags.READ);
        PathOperations.renameAt(sub, "renamed.txt", dir, "back.txt");
        assertEquals("other", Files.readString(root.resolve("back.txt")));
    }

    @Test
    void symlinksAndHardLinks() throws Exception {
        PathOperations.symlinkAt(dir, "hello.txt", "sl");
        assertEquals("hello.txt", PathOperations.readlinkAt(dir, "sl"));
        assertTrue(Files.isSymbolicLink(root.resolve("sl")));
        PathOperations.symlinkAt(dir, "../escape", "dangling"); // harmless to create: never followed out
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.statAt(dir, FsFlags.SYMLINK_FOLLOW, "dangling"));
        assertCode(ErrorCode.EXIST, () -> PathOperations.symlinkAt(dir, "x", "hello.txt"));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.symlinkAt(dir, "", "empty"));
        assertCode(ErrorCode.INVALID, () -> PathOperations.readlinkAt(dir, "hello.txt"));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.readlinkAt(dir, "absent"));

        PathOperations.linkAt(dir, 0, "hello.txt", dir, "d/hard.txt");
        assertEquals(2, PathOperations.statAt(dir, 0, "hello.txt").linkCount());
        assertTrue(Files.isSameFile(root.resolve("hello.txt"), root.resolve("d/hard.txt")));
        // Following the old path's symlink links its target; not following links the symlink itself.
        PathOperations.linkAt(dir, FsFlags.SYMLINK_FOLLOW, "sl", dir, "viaFollow");
        assertFalse(Files.isSymbolicLink(root.resolve("viaFollow")));
        PathOperations.linkAt(dir, 0, "sl", dir, "viaNoFollow");
        assertTrue(Files.isSymbolicLink(root.resolve("viaNoFollow")));
        assertCode(ErrorCode.EXIST, () -> PathOperations.linkAt(dir, 0, "hello.txt", dir, "d/hard.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.linkAt(dir, 0, "d", dir, "dirlink"));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.linkAt(dir, 0, "absent", dir, "x"));
    }

    @Test
    void identityAndMetadataHash() throws Exception {
        Files.createLink(root.resolve("alias.txt"), root.resolve("hello.txt"));
        Descriptor a = open("hello.txt", 0, RW);
        Descriptor b = open("alias.txt", 0, FsFlags.READ);
        Descriptor d = open("d", 0, FsFlags.READ);
        assertTrue(FileOperations.isSameObject(a, b));
        assertTrue(FileOperations.isSameObject(a, a));
        assertFalse(FileOperations.isSameObject(a, d));
        MetadataHash h1 = FileOperations.metadataHash(a);
        assertEquals(h1, FileOperations.metadataHash(b));
        assertEquals(h1, PathOperations.metadataHashAt(dir, 0, "alias.txt"));
        assertNotEquals(h1, FileOperations.metadataHash(d));
        FileOperations.write(a, bytes("more"), 0, 4, 100);
        assertNotEquals(h1, FileOperations.metadataHash(a));
        assertCode(ErrorCode.NO_ENTRY, () -> PathOperations.metadataHashAt(dir, 0, "absent"));
    }

    @Test
    void adviseSyncAndFlags() throws Exception {
        Descriptor f = open("hello.txt", 0, FsFlags.READ | FsFlags.WRITE | FsFlags.DATA_INTEGRITY_SYNC);
        FileOperations.advise(f, 0, 10, 1);
        FileOperations.syncData(f);
        FileOperations.sync(f);
        FileOperations.sync(dir);
        assertEquals(FsFlags.READ | FsFlags.WRITE | FsFlags.DATA_INTEGRITY_SYNC, FileOperations.getFlags(f));
        assertEquals(FsFlags.READ | FsFlags.MUTATE_DIRECTORY, FileOperations.getFlags(dir));
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.advise(dir, 0, 0, 0));
        assertCode(ErrorCode.INVALID, () -> FileOperations.advise(f, -1, 0, 0));
    }

    @Test
    void streamsReadWriteAndAppend() throws Exception {
        Descriptor f = open("hello.txt", 0, RW);
        InputStreamResource in = FileStreams.readVia(f, 7);
        byte[] buf = new byte[64];
        int n = in.read(buf, 0, 3);
        assertEquals("wor", new String(buf, 0, n, StandardCharsets.UTF_8));
        n = in.read(buf, 0, 64);
        assertEquals("ld\n", new String(buf, 0, n, StandardCharsets.UTF_8));
        StreamException end = org.junit.jupiter.api.Assertions.assertThrows(StreamException.class, () -> in.read(buf, 0, 1));
        assertTrue(end.isClosed());

        OutputStreamResource out = FileStreams.writeVia(f, 0);
        out.write(bytes("J"), 0, 1);
        out.write(bytes("ELLO"), 0, 4);
        out.flush();
        OutputStreamResource app = FileStreams.appendVia(f);
        app.write(bytes("tail\n"), 0, 5);
        assertEquals("JELLO, world\ntail\n", Files.readString(root.resolve("hello.txt")));

        // The streams keep the file open after the descriptor itself is dropped.
        f.dropped();
        opened.remove(f);
        app.write(bytes("more\n"), 0, 5);
        assertEquals("JELLO, world\ntail\nmore\n", Files.readString(root.resolve("hello.txt")));
        in.dropped();
        out.dropped();
        app.dropped();
        StreamException closed = org.junit.jupiter.api.Assertions.assertThrows(StreamException.class,
                () -> app.write(bytes("x"), 0, 1));
        assertFalse(closed.isClosed());
        assertEquals(ErrorCode.BAD_DESCRIPTOR, ((dev.wasmjar.runtime.wasi.internal.fs.FsException) closed.getCause()).code());

        Descriptor ro = open("hello.txt", 0, FsFlags.READ);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileStreams.writeVia(ro, 0));
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileStreams.appendVia(ro));
        Descriptor wo = open("hello.txt", 0, FsFlags.WRITE);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileStreams.readVia(wo, 0));
        assertCode(ErrorCode.IS_DIRECTORY, () -> FileStreams.readVia(dir, 0));
    }

    @Test
    void descriptorWithoutReadOrWriteStillStats() throws Exception {
        Descriptor f = open("hello.txt", 0, 0);
        assertEquals(13, FileOperations.stat(f).size());
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.read(f, 1, 0));
    }

    @Test
    void openWithoutFollowingAFinalSymlinkToADirectory() throws Exception {
        Files.createSymbolicLink(root.resolve("dlink"), Path.of("d"));
        assertCode(ErrorCode.LOOP, () -> PathOperations.openAt(dir, 0, "dlink", FsFlags.DIRECTORY, FsFlags.READ));
        // A trailing slash always follows.
        Descriptor viaSlash = PathOperations.openAt(dir, 0, "dlink/", FsFlags.DIRECTORY, FsFlags.READ);
        assertEquals(List.of("d"), viaSlash.components());
        assertTrue(Files.isSymbolicLink(root.resolve("dlink")));
        assertTrue(Files.exists(root.resolve("dlink"), LinkOption.NOFOLLOW_LINKS));
    }
}
