package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code directory-entry-stream}: the entries of a directory, without {@code .} and
 * {@code ..}.
 *
 * <p>The names are listed when the stream is created and sorted, so a guest sees the same
 * order on every run (the host's order is arbitrary); each entry's type is looked up when it is
 * returned, and entries removed in between are skipped.
 */
public final class DirectoryEntryStream {
    private final Path dir;
    private final List<String> names;
    private int next;

    private DirectoryEntryStream(Path dir, List<String> names) {
        this.dir = dir;
        this.names = names;
    }

    /** Lists {@code dir} now. */
    static DirectoryEntryStream open(Path dir) throws FsException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            throw IoErrors.wrap(e instanceof java.nio.file.DirectoryIteratorException ? e.getCause() : e);
        }
        Collections.sort(names);
        return new DirectoryEntryStream(dir, names);
    }

    /** {@code read-directory-entry}: the next entry, or {@code null} at the end. */
    public DirectoryEntry next() throws FsException {
        while (next < names.size()) {
            String name = names.get(next++);
            DescriptorType type;
            try {
                type = Attributes.type(dir.resolve(name));
            } catch (FsException e) {
                if (e.code() == ErrorCode.NO_ENTRY) {
                    continue;
                }
                throw e;
            }
            return new DirectoryEntry(type, name);
        }
        return null;
    }
}
