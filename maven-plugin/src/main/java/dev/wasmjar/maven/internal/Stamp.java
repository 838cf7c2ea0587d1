package dev.wasmjar.maven.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.logging.Log;

/**
 * The record of one module's last build: the stamp of its inputs (see
 * {@code ModuleBuild.stamp}) and the class files it wrote. It lets the plugin skip unchanged
 * modules and delete class files a rebuild no longer produces (a smaller module has fewer code
 * classes; a stale one would otherwise linger in {@code target/classes} and in the jar).
 */
public final class Stamp {
    private static final String SEPARATOR = "--- class files";

    private final String inputs;
    private final List<String> classFiles;

    public Stamp(String inputs, List<String> classFiles) {
        this.inputs = inputs;
        this.classFiles = List.copyOf(classFiles);
    }

    /** The stamp in {@code file}, or {@code null} if there is none (or it cannot be read). */
    public static Stamp read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int sep = text.indexOf(SEPARATOR + "\n");
            if (sep < 0) {
                return null;
            }
            List<String> files = new ArrayList<>();
            for (String line : text.substring(sep + SEPARATOR.length() + 1).split("\n")) {
                if (!line.isEmpty()) {
                    files.add(line);
                }
            }
            return new Stamp(text.substring(0, sep), files);
        } catch (IOException | RuntimeException e) {
            // an unreadable stamp only costs a rebuild
            return null;
        }
    }

    /** Whether this build had the same inputs and its class files are all still there. */
    public boolean upToDate(String currentInputs, Path classesDir) {
        if (!inputs.equals(currentInputs) || classFiles.isEmpty()) {
            return false;
        }
        for (String f : classFiles) {
            if (!Files.isRegularFile(classesDir.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    /** Deletes the class files this build wrote that {@code current} does not contain. */
    public void deleteStaleClasses(Path classesDir, List<String> current) throws IOException {
        Set<String> keep = new HashSet<>(current);
        for (String f : classFiles) {
            if (!keep.contains(f)) {
                Files.deleteIfExists(classesDir.resolve(f));
            }
        }
    }

    /** Writes this stamp to {@code file}. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder(inputs);
        sb.append(SEPARATOR).append('\n');
        for (String f : classFiles) {
            sb.append(f).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Deletes the outputs (class files, facade source, stamp) of modules built earlier whose
     * class name is no longer configured, so a renamed module leaves nothing behind.
     */
    public static void removeUnconfigured(Path stampDir, Set<String> classNames, Path classesDir, Path sourceRoot, Log log)
            throws IOException {
        if (!Files.isDirectory(stampDir)) {
            return;
        }
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(stampDir, "*.stamp")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!classNames.contains(name.substring(0, name.length() - ".stamp".length()))) {
                    orphans.add(p);
                }
            }
        }
        for (Path p : orphans) {
            String name = p.getFileName().toString();
            String className = name.substring(0, name.length() - ".stamp".length());
            Stamp old = read(p);
            if (old != null) {
                old.deleteStaleClasses(classesDir, List.of());
            }
            Files.deleteIfExists(sourceRoot.resolve(className.replace('.', '/') + ".java"));
            Files.deleteIfExists(p);
            log.info("wasmjar: removed the outputs of " + className + ", which is no longer configured");
        }
    }
}
