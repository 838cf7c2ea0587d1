package dev.wasmjar.runtime.wasi.internal.fs;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Where a guest path led inside the sandbox.
 *
 * @param components the path below the preopen root, free of symlinks (except possibly the last
 *                   component, when it was not followed), {@code .} and {@code ..}
 * @param host       the host path of those components
 * @param attrs      the attributes of the object (not following a final symlink), or {@code null}
 *                   if nothing exists there yet (its parent does)
 * @param isBase     whether the path named the starting directory itself (e.g. {@code "."})
 * @param mustBeDir  whether the path ended in {@code /}, {@code .} or {@code ..}, so it can only
 *                   name a directory
 * @param endsInDots whether the last component was {@code .} or {@code ..}, which names no entry
 *                   that could be created, removed or renamed
 */
public record ResolvedPath(List<String> components, Path host, BasicFileAttributes attrs, boolean isBase,
        boolean mustBeDir, boolean endsInDots) {

    public boolean exists() {
        return attrs != null;
    }

    /** The last component, or {@code null} for the preopen root. */
    public String name() {
        return components.isEmpty() ? null : components.get(components.size() - 1);
    }

    /** Whether an entry can be created, removed or renamed under this path's last component. */
    public boolean namesEntry() {
        return !isBase && !endsInDots;
    }
}
