package dev.wasmjar.runtime.wasi.internal.preview1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void mapsFilesystemErrorsToTheirPosixNumbers() {
        assertEquals(44, Errno.of(ErrorCode.NO_ENTRY));
        assertEquals(54, Errno.of(ErrorCode.NOT_DIRECTORY));
        assertEquals(31, Errno.of(ErrorCode.IS_DIRECTORY));
        assertEquals(32, Errno.of(ErrorCode.LOOP));
        assertEquals(20, Errno.of(ErrorCode.EXIST));
        assertEquals(55, Errno.of(ErrorCode.NOT_EMPTY));
        assertEquals(8, Errno.of(ErrorCode.BAD_DESCRIPTOR));
        assertEquals(6, Errno.of(ErrorCode.WOULD_BLOCK));
        assertEquals(70, Errno.of(ErrorCode.INVALID_SEEK));
    }

    @Test
    void everyFilesystemErrorHasAnErrnoOtherThanSuccess() {
        for (ErrorCode c : ErrorCode.values()) {
            assertNotEquals(Errno.SUCCESS, Errno.of(c), c.name());
        }
    }

    @Test
    void aSandboxEscapeIsNotCapable() {
        assertEquals(Errno.NOTCAPABLE, Errno.of(FsException.outsideSandbox("..")));
        assertEquals(Errno.ACCES, Errno.of(new FsException(ErrorCode.ACCESS)));
    }
}
