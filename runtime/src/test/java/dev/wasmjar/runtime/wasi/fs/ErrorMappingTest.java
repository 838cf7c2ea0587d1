package dev.wasmjar.runtime.wasi.fs;

import static dev.wasmjar.runtime.wasi.fs.SandboxTest.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmjar.runtime.wasi.internal.fs.Datetime;
import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorType;
import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.IoErrors;
import dev.wasmjar.runtime.wasi.internal.fs.NewTimestamp;
import dev.wasmjar.runtime.wasi.internal.fs.PathOperations;
import dev.wasmjar.runtime.wasi.internal.fs.Preopen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How host failures become {@code error-code}s, and the enum encodings the ABI relies on. */
class ErrorMappingTest {
    @TempDir
    Path root;

    @Test
    void javaExceptionsMapToErrorCodes() {
        assertEquals(ErrorCode.NO_ENTRY, IoErrors.code(new NoSuchFileException("x")));
        assertEquals(ErrorCode.EXIST, IoErrors.code(new FileAlreadyExistsException("x")));
        assertEquals(ErrorCode.NOT_EMPTY, IoErrors.code(new DirectoryNotEmptyException("x")));
        assertEquals(ErrorCode.ACCESS, IoErrors.code(new AccessDeniedException("x")));
        assertEquals(ErrorCode.BAD_DESCRIPTOR, IoErrors.code(new ClosedChannelException()));
        // The JDK reports most errnos only as strerror text.
        assertEquals(ErrorCode.IS_DIRECTORY, IoErrors.code(new FileSystemException("x", null, "Is a directory")));
        assertEquals(ErrorCode.READ_ONLY, IoErrors.code(new FileSystemException("x", null, "Read-only file system")));
        assertEquals(ErrorCode.LOOP, IoErrors.code(new FileSystemException("x", null, "Too many levels of symbolic links")));
        assertEquals(ErrorCode.NAME_TOO_LONG, IoErrors.code(new FileSystemException("x", null, "File name too long")));
        assertEquals(ErrorCode.INSUFFICIENT_SPACE, IoErrors.code(new IOException("No space left on device")));
        assertEquals(ErrorCode.IO, IoErrors.code(new IOException("something odd")));
    }

    @Test
    void enumOrdinalsAreTheWitDiscriminants() {
        assertEquals(0, ErrorCode.ACCESS.ordinal());
        assertEquals(7, ErrorCode.EXIST.ordinal());
        assertEquals(20, ErrorCode.NO_ENTRY.ordinal());
        assertEquals(31, ErrorCode.NOT_PERMITTED.ordinal());
        assertEquals(33, ErrorCode.READ_ONLY.ordinal());
        assertEquals(36, ErrorCode.CROSS_DEVICE.ordinal());
        assertEquals(ErrorCode.CROSS_DEVICE, ErrorCode.of(36));
        assertNull(ErrorCode.of(37));
        assertEquals(3, DescriptorType.DIRECTORY.ordinal());
        assertEquals(6, DescriptorType.REGULAR_FILE.ordinal());
        assertEquals(DescriptorType.FIFO, DescriptorType.ofMode(0010644));
        assertEquals(DescriptorType.SYMBOLIC_LINK, DescriptorType.ofMode(0120777));
    }

    @Test
    void realFilenameTooLong() {
        Descriptor dir = new Preopen(root, "/d", false).open();
        assertCode(ErrorCode.NAME_TOO_LONG, () -> PathOperations.createDirectoryAt(dir, "n".repeat(300)));
    }

    @Test
    void outOfRangeNanosecondsAreInvalid() throws IOException {
        Files.writeString(root.resolve("f"), "x");
        Descriptor dir = new Preopen(root, "/d", false).open();
        assertCode(ErrorCode.INVALID, () -> PathOperations.setTimesAt(dir, 0, "f",
                NewTimestamp.at(new Datetime(1, 1_000_000_000)), NewTimestamp.NO_CHANGE));
        assertCode(ErrorCode.INVALID, () -> PathOperations.setTimesAt(dir, 0, "f",
                NewTimestamp.NO_CHANGE, NewTimestamp.at(new Datetime(1, -1))));
    }

    @Test
    void missingPreopenDirectoryFailsWhenTheHostIsMade() {
        assertThrows(UncheckedIOException.class, () -> new Preopen(root.resolve("absent"), "/x", false));
    }
}
