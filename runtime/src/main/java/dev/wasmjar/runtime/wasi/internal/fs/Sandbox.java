package dev.wasmjar.runtime.wasi.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves guest paths relative to a directory descriptor without ever leaving it.
 *
 * <p>{@code Path.normalize} and {@code toRealPath} cannot be trusted here: the first removes
 * {@code a/..} lexically even when {@code a} is a symlink, and the second follows symlinks on the
 * host with no notion of the sandbox. So each component is looked up in turn with
 * {@code lstat}; symlinks are expanded by hand (splicing their target into the remaining
 * components, at most {@link #MAX_SYMLINK_HOPS} times) and {@code ..} pops a component that
 * is known to be a real directory. Going above the starting directory, absolute paths and
 * absolute symlink targets fail with {@code not-permitted}, like a capability-based host.
 *
 * <p>Between resolution and use another host process could swap a directory for a symlink;
 * operations that act on the final component therefore pass {@code NOFOLLOW_LINKS} where the
 * JDK allows, but intermediate directories are not pinned (the JDK has no {@code openat}).
 */
public final class Sandbox {
    /** Symlink expansions allowed in one resolution, as Linux's {@code MAXSYMLINKS}. */
    public static final int MAX_SYMLINK_HOPS = 40;

    private Sandbox() {
    }

    /** The host path of {@code components} below the root of {@code preopen}. */
    static Path hostPath(Preopen preopen, List<String> components) {
        Path p = preopen.root();
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    /**
     * Resolves {@code path} relative to directory {@code base}.
     *
     * @param followLast whether a symlink in the last component is followed
     *                   ({@code path-flags.symlink-follow}); a trailing {@code /} always follows
     */
    public static ResolvedPath resolve(Descriptor base, String path, boolean followLast) throws FsException {
        if (!base.isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
        if (path.isEmpty()) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (path.indexOf('\0') >= 0) {
            throw new FsException(ErrorCode.INVALID, "path contains NUL");
        }
        if (path.charAt(0) == '/') {
            throw FsException.outsideSandbox("absolute path: " + path);
        }
        Preopen preopen = base.preopen();
        List<String> cur = new ArrayList<>(base.components());
        int floor = cur.size();
        Deque<String> pending = new ArrayDeque<>();
        split(path, pending, false);
        boolean endsInDots = endsInDots(path);
        boolean mustBeDir = path.endsWith("/") || endsInDots;
        int hops = 0;

        while (!pending.isEmpty()) {
            String c = pending.pollFirst();
            if (c.equals("..")) {
                if (cur.size() <= floor) {
                    throw FsException.outsideSandbox("path escapes its directory: " + path);
                }
                cur.remove(cur.size() - 1);
                continue;
            }
            boolean last = pending.isEmpty();
            Path host = hostPath(preopen, cur).resolve(checkName(c));
            BasicFileAttributes a = lstat(host);
            if (a == null) {
                if (!last) {
                    throw new FsException(ErrorCode.NO_ENTRY);
                }
                cur.add(c);
                return new ResolvedPath(List.copyOf(cur), host, null, false, mustBeDir, false);
            }
            if (a.isSymbolicLink() && (!last || followLast || mustBeDir)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new FsException(ErrorCode.LOOP);
                }
                String target = readLink(host);
                if (target.isEmpty()) {
                    throw new FsException(ErrorCode.NO_ENTRY);
                }
                if (target.charAt(0) == '/') {
                    throw FsException.outsideSandbox("absolute symlink: " + target);
                }
                if (last && (target.endsWith("/") || endsInDots(target))) {
                    mustBeDir = true;
                }
                // The target is resolved relative to the link's directory, which is `cur`.
                split(target, pending, true);
                continue;
            }
            if (!last && !a.isDirectory()) {
                throw new FsException(ErrorCode.NOT_DIRECTORY);
            }
            cur.add(c);
            if (last) {
                if (mustBeDir && !a.isDirectory()) {
                    throw new FsException(ErrorCode.NOT_DIRECTORY);
                }
                return new ResolvedPath(List.copyOf(cur), host, a, false, mustBeDir, endsInDots);
            }
        }
        // The path ended with "." or ".." (or a symlink to such): it names a directory already on `cur`.
        Path host = hostPath(preopen, cur);
        BasicFileAttributes a = lstat(host);
        if (a == null) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        return new ResolvedPath(List.copyOf(cur), host, a, cur.size() == floor, true, true);
    }

    /** Adds the components of {@code path} to {@code out}: at the end, or spliced in at the front. */
    private static void split(String path, Deque<String> out, boolean atFront) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (!s.isEmpty() && !s.equals(".")) {
                parts.add(s);
            }
        }
        if (atFront) {
            for (int i = parts.size() - 1; i >= 0; i--) {
                out.addFirst(parts.get(i));
            }
        } else {
            out.addAll(parts);
        }
    }

    private static boolean endsInDots(String path) {
        int slash = path.lastIndexOf('/');
        String last = path.substring(slash + 1);
        return last.equals(".") || last.equals("..");
    }

    /** Guards against host path syntax the guest's component could smuggle in. */
    private static String checkName(String c) throws FsException {
        // On a POSIX host '/' and NUL are the only special bytes, and neither can occur here;
        // a host with another separator must not let a component name a different directory.
        String sep = java.nio.file.FileSystems.getDefault().getSeparator();
        if (!sep.equals("/") && c.contains(sep)) {
            throw new FsException(ErrorCode.INVALID, "bad name: " + c);
        }
        return c;
    }

    /** {@code lstat}, or {@code null} if nothing is there. */
    static BasicFileAttributes lstat(Path host) throws FsException {
        try {
            return Files.readAttributes(host, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | InvalidPathException e) {
            throw IoErrors.wrap(e);
        }
    }

    private static String readLink(Path host) throws FsException {
        try {
            return Files.readSymbolicLink(host).toString();
        } catch (IOException e) {
            throw IoErrors.wrap(e);
        }
    }
}
