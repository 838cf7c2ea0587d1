package dev.wasmjar.compiler.internal.cli;

import dev.wasmjar.compiler.CompiledModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code run}'s on-disk cache of compiled programs, as {@code wasmtime run} keeps one: compiling
 * is most of a short program's run in a fresh JVM (1.2-1.7 s for a TinyGo benchmark), and the
 * same program is usually run again and again.
 *
 * <p>An entry is the jar {@link CompiledModule#writeJar} writes, named by the SHA-256 of the
 * compiler's identity, the class name and the wasm bytes, so a rebuilt compiler or a changed
 * program never meets a stale entry. Entries are written to a temporary file and renamed into
 * place, so concurrent runs see a whole entry or none; an entry that cannot be read is deleted
 * and the program compiled again. Every failure of the cache only costs a compile: it never
 * fails a run. Past {@link #MAX_ENTRIES} entries or {@link #MAX_BYTES} bytes the least recently
 * used go (a hit touches its entry). {@code run --no-cache} bypasses it.
 */
final class CompileCache {
    /** Where the cache lives when {@value #DIR_VARIABLE} does not say. */
    static final String DIR_VARIABLE = "WASMJAR_CACHE_DIR";
    static final int MAX_ENTRIES = 64;
    static final long MAX_BYTES = 1L << 30;

    private final Path dir;
    private final String compilerIdentity;
    private final int maxEntries;
    private final long maxBytes;

    /** A cache in {@code dir} for the compiler whose identity (a version, a build) is given. */
    CompileCache(Path dir, String compilerIdentity) {
        this(dir, compilerIdentity, MAX_ENTRIES, MAX_BYTES);
    }

    /** As {@link #CompileCache(Path, String)}, keeping at most these many entries and bytes. */
    CompileCache(Path dir, String compilerIdentity, int maxEntries, long maxBytes) {
        this.dir = dir;
        this.compilerIdentity = compilerIdentity;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * The cache of this compiler in {@value #DIR_VARIABLE}, else {@code $XDG_CACHE_HOME/wasmjar},
     * else {@code ~/.cache/wasmjar}; {@code null} (no caching) when the compiler does not run
     * from a jar (tests, an IDE: a build directory changes without a new identity).
     */
    static CompileCache standard(Map<String, String> env) {
        String identity = jarIdentity();
        if (identity == null) {
            return null;
        }
        Path dir;
        if (env.get(DIR_VARIABLE) != null && !env.get(DIR_VARIABLE).isEmpty()) {
            dir = Path.of(env.get(DIR_VARIABLE));
        } else if (env.get("XDG_CACHE_HOME") != null && !env.get("XDG_CACHE_HOME").isEmpty()) {
            dir = Path.of(env.get("XDG_CACHE_HOME"), "wasmjar");
        } else {
            dir = Path.of(System.getProperty("user.home"), ".cache", "wasmjar");
        }
        return new CompileCache(dir, identity);
    }

    /** The version, size and modification time of the jar this class runs from, or {@code null}. */
    private static String jarIdentity() {
        try {
            CodeSource source = CompileCache.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path jar = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            return Version.current() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The directory of the entries. */
    Path directory() {
        return dir;
    }

    /**
     * The program {@code wasm} compiled with instance class {@code className}: from the cache if
     * it holds it, else from {@code compile}, whose result is then stored.
     */
    CompiledModule get(byte[] wasm, String className, Supplier<CompiledModule> compile) {
        String key = key(wasm, className);
        Path entry = dir.resolve(key + ".jar");
        if (Files.isRegularFile(entry)) {
            try {
                CompiledModule cached = CompiledModule.readJar(entry);
                if (cached.className().equals(className)) {
                    touch(entry);
                    return cached;
                }
            } catch (IOException | RuntimeException e) {
                // Damaged (a full disk, a killed writer on a file system without atomic rename):
                // compile again and replace it.
            }
            deleteQuietly(entry);
        }
        CompiledModule compiled = compile.get();
        store(entry, compiled);
        return compiled;
    }

    private String key(byte[] wasm, String className) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((compilerIdentity + "\0" + className + "\0").getBytes(StandardCharsets.UTF_8));
            sha.update(wasm);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void store(Path entry, CompiledModule module) {
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, ".writing-", ".tmp");
            module.writeJar(temp);
            try {
                Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            prune();
        } catch (IOException | RuntimeException e) {
            // Not writable (a read-only home, a full disk): run uncached.
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Deletes the least recently used entries past the limits on their number and bytes. */
    void prune() throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(entries::add);
        }
        List<Entry> found = new ArrayList<>();
        long total = 0;
        for (Path p : entries) {
            try {
                Entry e = new Entry(p, Files.getLastModifiedTime(p).toMillis(), Files.size(p));
                found.add(e);
                total += e.size;
            } catch (IOException e) {
                // Deleted meanwhile by another run.
            }
        }
        found.sort(Comparator.comparingLong(Entry::lastUsed));
        int count = found.size();
        for (Entry e : found) {
            if (count <= maxEntries && total <= maxBytes) {
                break;
            }
            deleteQuietly(e.path);
            count--;
            total -= e.size;
        }
    }

    private record Entry(Path path, long lastUsed, long size) {
    }

    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // Only the eviction order suffers.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left for a later prune.
        }
    }
}
