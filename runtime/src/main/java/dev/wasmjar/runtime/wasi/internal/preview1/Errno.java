package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;

/**
 * Preview1 {@code errno} values (the witx numbering, shared by {@code wasi_unstable}) and their
 * mapping from the WASI 0.2 {@link ErrorCode}s the filesystem layer reports.
 */
final class Errno {
    static final int SUCCESS = 0;
    static final int TOOBIG = 1;
    static final int ACCES = 2;
    static final int AGAIN = 6;
    static final int ALREADY = 7;
    static final int BADF = 8;
    static final int BUSY = 10;
    static final int DEADLK = 16;
    static final int DQUOT = 19;
    static final int EXIST = 20;
    static final int FAULT = 21;
    static final int FBIG = 22;
    static final int ILSEQ = 25;
    static final int INPROGRESS = 26;
    static final int INTR = 27;
    static final int INVAL = 28;
    static final int IO = 29;
    static final int ISDIR = 31;
    static final int LOOP = 32;
    static final int MFILE = 33;
    static final int MLINK = 34;
    static final int MSGSIZE = 35;
    static final int NAMETOOLONG = 37;
    static final int NODEV = 43;
    static final int NOENT = 44;
    static final int NOLCK = 46;
    static final int NOMEM = 48;
    static final int NOSPC = 51;
    static final int NOSYS = 52;
    static final int NOTDIR = 54;
    static final int NOTEMPTY = 55;
    static final int NOTRECOVERABLE = 56;
    static final int NOTSOCK = 57;
    static final int NOTSUP = 58;
    static final int NOTTY = 59;
    static final int NXIO = 60;
    static final int OVERFLOW = 61;
    static final int PERM = 63;
    static final int PIPE = 64;
    static final int ROFS = 69;
    static final int SPIPE = 70;
    static final int TXTBSY = 74;
    static final int XDEV = 75;
    static final int NOTCAPABLE = 76;

    private Errno() {
    }

    /** The errno for a failed filesystem operation; a sandbox escape is {@code ENOTCAPABLE}. */
    static int of(FsException e) {
        return e.isOutsideSandbox() ? NOTCAPABLE : of(e.code());
    }

    static int of(ErrorCode c) {
        switch (c) {
            case ACCESS: return ACCES;
            case WOULD_BLOCK: return AGAIN;
            case ALREADY: return ALREADY;
            case BAD_DESCRIPTOR: return BADF;
            case BUSY: return BUSY;
            case DEADLOCK: return DEADLK;
            case QUOTA: return DQUOT;
            case EXIST: return EXIST;
            case FILE_TOO_LARGE: return FBIG;
            case ILLEGAL_BYTE_SEQUENCE: return ILSEQ;
            case IN_PROGRESS: return INPROGRESS;
            case INTERRUPTED: return INTR;
            case INVALID: return INVAL;
            case IS_DIRECTORY: return ISDIR;
            case LOOP: return LOOP;
            case TOO_MANY_LINKS: return MLINK;
            case MESSAGE_SIZE: return MSGSIZE;
            case NAME_TOO_LONG: return NAMETOOLONG;
            case NO_DEVICE: return NODEV;
            case NO_ENTRY: return NOENT;
            case NO_LOCK: return NOLCK;
            case INSUFFICIENT_MEMORY: return NOMEM;
            case INSUFFICIENT_SPACE: return NOSPC;
            case NOT_DIRECTORY: return NOTDIR;
            case NOT_EMPTY: return NOTEMPTY;
            case NOT_RECOVERABLE: return NOTRECOVERABLE;
            case UNSUPPORTED: return NOTSUP;
            case NO_TTY: return NOTTY;
            case NO_SUCH_DEVICE: return NXIO;
            case OVERFLOW: return OVERFLOW;
            case NOT_PERMITTED: return PERM;
            case PIPE: return PIPE;
            case READ_ONLY: return ROFS;
            case INVALID_SEEK: return SPIPE;
            case TEXT_FILE_BUSY: return TXTBSY;
            case CROSS_DEVICE: return XDEV;
            default: return IO;
        }
    }
}
