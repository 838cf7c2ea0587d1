package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.wasi.internal.fs.Attributes;
import dev.wasmjar.runtime.wasi.internal.fs.DescriptorStat;
import dev.wasmjar.runtime.wasi.internal.fs.Descriptor;
import dev.wasmjar.runtime.wasi.internal.fs.ErrorCode;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import dev.wasmjar.runtime.wasi.internal.fs.IoErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@code fd_readdir} returns: {@code .} and {@code ..} first, then the entries sorted by
 * name (the host's order is arbitrary; sorting makes runs reproducible), each with its type and
 * inode. Entry {@code i}'s cookie ({@code d_next}) is {@code i + 1}, an index into this snapshot,
 * which is taken afresh whenever a guest starts over at cookie 0.
 */
final class DirectoryListing {
    /** Size of a {@code dirent} header: d_next u64, d_ino u64, d_namlen u32, d_type u8, padding. */
    static final int DIRENT_SIZE = 24;

    /** One entry: its name in UTF-8, inode and preview1 filetype. */
    record Entry(byte[] name, long inode, int filetype) {
    }

    private DirectoryListing() {
    }

    static List<Entry> list(Descriptor dir) throws FsException {
        Path host = dir.hostPath();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(host)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        } catch (DirectoryIteratorException e) {
            throw IoErrors.wrap(e.getCause());
        }
        Collections.sort(names);
        List<Entry> out = new ArrayList<>(names.size() + 2);
        DescriptorStat self = Attributes.stat(host);
        out.add(new Entry(new byte[] {'.'}, self.inode(), Filetype.DIRECTORY));
        long parentInode = self.inode();
        if (host.getParent() != null) {
            try {
                parentInode = Attributes.stat(host.getParent()).inode();
            } catch (FsException e) {
                // The parent is outside the sandbox and may be unreadable: report the directory's own.
            }
        }
        out.add(new Entry(new byte[] {'.', '.'}, parentInode, Filetype.DIRECTORY));
        for (String name : names) {
            DescriptorStat st;
            try {
                st = Attributes.stat(host.resolve(name));
            } catch (FsException e) {
                if (e.code() == ErrorCode.NO_ENTRY) {
                    continue; // removed since it was listed
                }
                throw e;
            }
            out.add(new Entry(name.getBytes(StandardCharsets.UTF_8), st.inode(), Filetype.of(st.type())));
        }
        return out;
    }

    /** Fills {@code header} with the little-endian {@code dirent} of {@code e}. */
    static void header(byte[] header, long next, Entry e) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, next);
        b.putLong(8, e.inode());
        b.putInt(16, e.name().length);
        b.put(20, (byte) e.filetype());
        b.put(21, (byte) 0);
        b.putShort(22, (short) 0);
    }
}
