package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory granted to the guest under a guest path (e.g. {@code /data}), read-write or
 * read-only. Every path the guest uses through it resolves inside {@link #root()}.
 */
public final class Preopen {
    private final Path root;
    private final String guestPath;
    private final boolean readOnly;

    /**
     * @param hostDir  an existing host directory; it is canonicalised once here, so symlinks in
     *                 the host's own choice of path are trusted, but nothing the guest names is
     * @param guestPath the name under which {@code preopens.get-directories} reports it
     * @param readOnly  whether the guest may only read through it
     */
    public Preopen(Path hostDir, String guestPath, boolean readOnly) {
        Objects.requireNonNull(hostDir, "hostDir");
        this.guestPath = Objects.requireNonNull(guestPath, "guestPath");
        this.readOnly = readOnly;
        try {
            this.root = hostDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("preopen " + hostDir + " is not accessible", e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("preopen " + hostDir + " is not a directory");
        }
    }

    /** The canonical host directory. */
    public Path root() {
        return root;
    }

    public String guestPath() {
        return guestPath;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** The flags of the directory descriptor handed to the guest for this preopen. */
    public int descriptorFlags() {
        return readOnly ? FsFlags.READ : FsFlags.READ | FsFlags.MUTATE_DIRECTORY;
    }

    /** A fresh descriptor for the root of this preopen. */
    public Descriptor open() {
        return Descriptor.directory(this, java.util.List.of(), descriptorFlags());
    }

    @Override
    public String toString() {
        return guestPath + (readOnly ? " (ro) -> " : " -> ") + root;
    }
}
