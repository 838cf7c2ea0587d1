package dev.wasmjar.runtime.wasi.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorType;
import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.FileOperations;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import dev.wasmjar.runtime.wasi.internal.fs.FsFlags;
import dev.wasmjar.runtime.wasi.internal.fs.PathOperations;
import dev.wasmjar.runtime.wasi.internal.fs.Preopen;
import dev.wasmjar.runtime.wasi.internal.fs.ResolvedPath;
import dev.wasmjar.runtime.wasi.internal.fs.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every way a guest path could leave its preopen, and the error each one gets. */
class SandboxTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Descriptor dir;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("file.txt"), "root file");
        Files.createDirectories(root.resolve("sub/inner"));
        Files.writeString(root.resolve("sub/x.txt"), "sub x");
        Files.writeString(root.resolve("x.txt"), "root x");
        dir = new Preopen(root, "/data", false).open();
    }

    static void assertCode(ErrorCode expected, Executable e) {
        FsException ex = assertThrows(FsException.class, e);
        assertEquals(expected, ex.code(), ex.getMessage());
    }

    private String read(Descriptor base, String path) throws FsException {
        Descriptor f = PathOperations.openAt(base, FsFlags.SYMLINK_FOLLOW, path, 0, FsFlags.READ);
        try {
            return new String(FileOperations.read(f, 1 << 16, 0).data(), StandardCharsets.UTF_8);
        } finally {
            f.release();
        }
    }

    @Test
    void plainPathsResolveInside() throws Exception {
        assertEquals("root file", read(dir, "file.txt"));
        assertEquals("sub x", read(dir, "sub/x.txt"));
        assertEquals("sub x", read(dir, "./sub/./x.txt"));
        assertEquals("root x", read(dir, "sub/../x.txt"));
        assertEquals("root x", read(dir, "sub//inner/../../x.txt"));
        ResolvedPath r = Sandbox.resolve(dir, "sub/inner/..", true);
        assertEquals(List.of("sub"), r.components());
        assertTrue(Sandbox.resolve(dir, ".", true).isBase());
        assertTrue(Sandbox.resolve(dir, "sub/..", true).isBase());
    }

    @Test
    void dotDotCannotLeave() {
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "../outside/secret.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, ".."));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "sub/../../outside/secret.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "sub/inner/../../../root/file.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.statAt(dir, 0, "../root"));
    }

    @Test
    void absolutePathsAreRefused() {
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, outside.resolve("secret.txt").toString()));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "/etc/passwd"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.createDirectoryAt(dir, "/tmp/x"));
    }

    @Test
    void absoluteSymlinkIsRefusedEvenWhenItPointsInside() throws IOException {
        Files.createSymbolicLink(root.resolve("abs"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("absInside"), root.resolve("file.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "abs"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "absInside"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.statAt(dir, FsFlags.SYMLINK_FOLLOW, "abs"));
    }

    @Test
    void relativeSymlinkOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("up"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("sub/updir"), Path.of("../../outside"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "up"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "sub/updir/secret.txt"));
        // Through a symlinked intermediate directory, whatever the path flags say.
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.statAt(dir, 0, "sub/updir/secret.txt"));
    }

    @Test
    void symlinkNotFollowedIsNotAnEscape() throws Exception {
        Files.createSymbolicLink(root.resolve("up"), Path.of("../outside/secret.txt"));
        // stat-at without symlink-follow looks at the link itself, which is inside.
        assertEquals(DescriptorType.SYMBOLIC_LINK, PathOperations.statAt(dir, 0, "up").type());
        assertEquals("../outside/secret.txt", PathOperations.readlinkAt(dir, "up"));
        // And open-at refuses to open a final symlink it must not follow.
        assertCode(ErrorCode.LOOP, () -> PathOperations.openAt(dir, 0, "up", 0, FsFlags.READ));
    }

    @Test
    void symlinkChainsInsideWork() throws Exception {
        Files.createSymbolicLink(root.resolve("c"), Path.of("file.txt"));
        Files.createSymbolicLink(root.resolve("sub/b"), Path.of("../c"));
        Files.createSymbolicLink(root.resolve("a"), Path.of("sub/b"));
        Files.createSymbolicLink(root.resolve("sub/inner/toSub"), Path.of(".."));
        assertEquals("root file", read(dir, "a"));
        assertEquals("sub x", read(dir, "sub/inner/toSub/x.txt"));
        assertEquals(DescriptorType.REGULAR_FILE, PathOperations.statAt(dir, FsFlags.SYMLINK_FOLLOW, "a").type());
        assertEquals(DescriptorType.SYMBOLIC_LINK, PathOperations.statAt(dir, 0, "a").type());
    }

    @Test
    void chainThatLeavesHalfwayIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("hop2"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("sub/hop1"), Path.of("../hop2"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(dir, "sub/hop1"));
    }

    @Test
    void dotDotAfterSymlinkIsPhysical() throws Exception {
        // link -> sub/inner; "link/../x.txt" is sub/x.txt (the link's target's parent), not ./x.txt.
        Files.createSymbolicLink(root.resolve("link"), Path.of("sub/inner"));
        assertEquals("sub x", read(dir, "link/../x.txt"));
    }

    @Test
    void loopsAreDetected() throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        Files.createSymbolicLink(root.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(root.resolve("pong"), Path.of("ping"));
        Files.createSymbolicLink(root.resolve("deep"), Path.of("deep/deep"));
        assertCode(ErrorCode.LOOP, () -> read(dir, "self"));
        assertCode(ErrorCode.LOOP, () -> read(dir, "ping"));
        assertCode(ErrorCode.LOOP, () -> read(dir, "ping/x"));
        assertCode(ErrorCode.LOOP, () -> read(dir, "deep"));
        assertCode(ErrorCode.LOOP, () -> PathOperations.statAt(dir, FsFlags.SYMLINK_FOLLOW, "pong"));
    }

    @Test
    void longButFiniteChainIsFine() throws Exception {
        Files.createSymbolicLink(root.resolve("l0"), Path.of("file.txt"));
        for (int i = 1; i < Sandbox.MAX_SYMLINK_HOPS; i++) {
            Files.createSymbolicLink(root.resolve("l" + i), Path.of("l" + (i - 1)));
        }
        assertEquals("root file", read(dir, "l" + (Sandbox.MAX_SYMLINK_HOPS - 1)));
        Files.createSymbolicLink(root.resolve("l" + Sandbox.MAX_SYMLINK_HOPS), Path.of("l" + (Sandbox.MAX_SYMLINK_HOPS - 1)));
        assertCode(ErrorCode.LOOP, () -> read(dir, "l" + Sandbox.MAX_SYMLINK_HOPS));
    }

    @Test
    void missingAndNonDirectoryComponents() {
        assertCode(ErrorCode.NO_ENTRY, () -> read(dir, "missing"));
        assertCode(ErrorCode.NO_ENTRY, () -> read(dir, "missing/x"));
        assertCode(ErrorCode.NO_ENTRY, () -> read(dir, ""));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> read(dir, "file.txt/x"));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> read(dir, "file.txt/"));
        assertCode(ErrorCode.NOT_DIRECTORY, () -> read(dir, "file.txt/.."));
        assertCode(ErrorCode.INVALID, () -> read(dir, "fi\0le.txt"));
    }

    @Test
    void danglingSymlinkToOutsideCannotCreateThere() throws IOException {
        Files.createSymbolicLink(root.resolve("trap"), Path.of("../outside/created.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.openAt(dir, FsFlags.SYMLINK_FOLLOW, "trap",
                FsFlags.CREATE, FsFlags.WRITE));
        assertFalse(Files.exists(outside.resolve("created.txt")));
    }

    @Test
    void danglingSymlinkInsideCreatesItsTarget() throws Exception {
        Files.createSymbolicLink(root.resolve("later"), Path.of("sub/new.txt"));
        Descriptor f = PathOperations.openAt(dir, FsFlags.SYMLINK_FOLLOW, "later", FsFlags.CREATE, FsFlags.WRITE);
        FileOperations.write(f, "hi".getBytes(StandardCharsets.UTF_8), 0, 2, 0);
        f.release();
        assertEquals("hi", Files.readString(root.resolve("sub/new.txt")));
    }

    @Test
    void subdirectoryDescriptorIsItsOwnBoundary() throws Exception {
        Descriptor sub = PathOperations.openAt(dir, 0, "sub", FsFlags.DIRECTORY, FsFlags.READ);
        assertEquals("sub x", read(sub, "x.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(sub, "../x.txt"));
        Files.createSymbolicLink(root.resolve("sub/parentLink"), Path.of("../x.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> read(sub, "parentLink"));
        // From the preopen itself the same link stays inside.
        assertEquals("root x", read(dir, "sub/parentLink"));
    }

    @Test
    void mutationsCannotTargetTheDirectoryItselfOrEscape() throws IOException {
        assertCode(ErrorCode.INVALID, () -> PathOperations.removeDirectoryAt(dir, "."));
        assertCode(ErrorCode.INVALID, () -> PathOperations.removeDirectoryAt(dir, "sub/.."));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.removeDirectoryAt(dir, "../outside"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.unlinkFileAt(dir, "../outside/secret.txt"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.renameAt(dir, "file.txt", dir, "../outside/stolen"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.linkAt(dir, 0, "file.txt", dir, "../outside/l"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.symlinkAt(dir, "/etc/passwd", "pw"));
        Files.createSymbolicLink(root.resolve("outdir"), Path.of("../outside"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.createDirectoryAt(dir, "outdir/new"));
        assertCode(ErrorCode.NOT_PERMITTED, () -> PathOperations.unlinkFileAt(dir, "outdir/secret.txt"));
        assertTrue(Files.exists(root));
        assertTrue(Files.exists(outside.resolve("secret.txt")));
        assertFalse(Files.exists(outside.resolve("stolen")));
        assertFalse(Files.exists(outside.resolve("new")));
    }

    @Test
    void unlinkingASymlinkRemovesTheLinkNotTheTarget() throws Exception {
        Files.createSymbolicLink(root.resolve("toSecret"), Path.of("../outside/secret.txt"));
        PathOperations.unlinkFileAt(dir, "toSecret");
        assertFalse(Files.exists(root.resolve("toSecret"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(outside.resolve("secret.txt")));
    }

    @Test
    void readOnlyPreopenRefusesEveryChange() throws Exception {
        Descriptor ro = new Preopen(root, "/ro", true).open();
        assertEquals(FsFlags.READ, FileOperations.getFlags(ro));
        assertEquals("root file", read(ro, "file.txt"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.createDirectoryAt(ro, "newdir"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.openAt(ro, 0, "new.txt", FsFlags.CREATE, FsFlags.READ));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.openAt(ro, 0, "file.txt", 0, FsFlags.READ | FsFlags.WRITE));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.openAt(ro, 0, "file.txt", FsFlags.TRUNCATE, FsFlags.READ));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.openAt(ro, 0, "sub", 0, FsFlags.READ | FsFlags.MUTATE_DIRECTORY));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.unlinkFileAt(ro, "file.txt"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.removeDirectoryAt(ro, "sub/inner"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.renameAt(ro, "file.txt", ro, "moved.txt"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.symlinkAt(ro, "file.txt", "sl"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.linkAt(ro, 0, "file.txt", ro, "hl"));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.setTimesAt(ro, 0, "file.txt",
                dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp.NOW, dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp.NOW));
        assertCode(ErrorCode.READ_ONLY, () -> FileOperations.setTimes(ro,
                dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp.NOW, dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp.NOW));
        // A subdirectory opened through it is just as read-only.
        Descriptor sub = PathOperations.openAt(ro, 0, "sub", FsFlags.DIRECTORY, FsFlags.READ);
        assertFalse(sub.has(FsFlags.MUTATE_DIRECTORY));
        assertCode(ErrorCode.READ_ONLY, () -> PathOperations.unlinkFileAt(sub, "x.txt"));
        // A file opened read-only cannot be written either.
        Descriptor f = PathOperations.openAt(ro, 0, "file.txt", 0, FsFlags.READ);
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.write(f, new byte[1], 0, 1, 0));
        assertCode(ErrorCode.BAD_DESCRIPTOR, () -> FileOperations.setSize(f, 0));
        f.release();
        // Nothing changed on disk.
        assertEquals("root file", Files.readString(root.resolve("file.txt")));
        assertFalse(Files.exists(root.resolve("new.txt")));
        assertFalse(Files.exists(root.resolve("newdir")));
        assertTrue(Files.exists(root.resolve("sub/inner")));
    }
}
