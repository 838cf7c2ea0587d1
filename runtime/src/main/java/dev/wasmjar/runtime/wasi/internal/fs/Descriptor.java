package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import dev.wasmjar.runtime.wasi.internal.HandleTable;

/**
 * A {@code descriptor} resource: a directory or an open file inside a {@link Preopen}.
 *
 * <p>A descriptor is named by its {@link #components()}: the path below the preopen root,
 * already resolved by the {@link Sandbox} so that it contains no symlinks, {@code .} or
 * {@code ..}. Java has no {@code openat}/{@code fstat}, so directory operations go through that
 * host path; an open file also holds a {@link FileChannel}, which keeps reading and writing the
 * same file even if it is renamed.
 *
 * <p>Streams created from a file descriptor share its channel, so the channel is reference
 * counted: it closes when the descriptor and every stream using it have been dropped.
 */
public final class Descriptor implements HandleTable.Droppable {
    private final Preopen preopen;
    private final List<String> components;
    private final DescriptorType type;
    private final int flags;
    private final FileChannel channel;
    private int refs = 1;

    private Descriptor(Preopen preopen, List<String> components, DescriptorType type, int flags, FileChannel channel) {
        this.preopen = preopen;
        this.components = List.copyOf(components);
        this.type = type;
        this.flags = flags;
        this.channel = channel;
    }

    /** A directory descriptor. */
    static Descriptor directory(Preopen preopen, List<String> components, int flags) {
        return new Descriptor(preopen, components, DescriptorType.DIRECTORY, flags, null);
    }

    /** A descriptor for a non-directory; {@code channel} is {@code null} if opened neither to read nor write. */
    static Descriptor file(Preopen preopen, List<String> components, DescriptorType type, int flags, FileChannel channel) {
        return new Descriptor(preopen, components, type, flags, channel);
    }

    public Preopen preopen() {
        return preopen;
    }

    /** The resolved path below the preopen root. */
    public List<String> components() {
        return components;
    }

    /** The type the object had when it was opened. */
    public DescriptorType type() {
        return type;
    }

    public boolean isDirectory() {
        return type == DescriptorType.DIRECTORY;
    }

    /** The {@code descriptor-flags} it was opened with. */
    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The host path of the object. */
    public Path hostPath() {
        return Sandbox.hostPath(preopen, components);
    }

    /** The open channel of a file, or {@code null}. */
    FileChannel channel() {
        return channel;
    }

    /** Keeps the channel open for one more user (a stream). */
    synchronized void retain() {
        refs++;
    }

    /** Drops one user; the last one closes the channel. */
    public synchronized void release() {
        if (refs > 0 && --refs == 0 && channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing the guest could do about a failing close; the data was already written.
            }
        }
    }

    /** The guest dropped its handle: one user fewer. */
    @Override
    public void dropped() {
        release();
    }

    @Override
    public String toString() {
        return "descriptor(" + preopen.guestPath() + "/" + String.join("/", components) + ", " + type + ")";
    }
}
