package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Saves findings under {@code root}, grouped by {@link Verdict#signature()}:
 * {@code root/<signature-slug>/<id>/} (the id is {@code <seed>-<index>} for generated modules) holds {@code module.wasm}, {@code wasmjar.txt}
 * and {@code v8.txt} (each engine's transcript or rejection) and {@code verdict.txt}. Keeps at
 * most {@code maxPerSignature} modules of one signature (the rest are only counted), and
 * remembers the first of each for reduction. Thread-safe.
 */
public final class FindingStore {
    /** One saved finding. */
    public record Finding(Path dir, Verdict verdict) {
        public Path module() {
            return dir.resolve("module.wasm");
        }
    }

    private final Path root;
    private final int maxPerSignature;
    private final Map<String, List<Finding>> bySignature = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public FindingStore(Path root, int maxPerSignature) {
        this.root = root;
        this.maxPerSignature = maxPerSignature;
    }

    /**
     * Records a finding, saving it unless its signature has enough already.
     *
     * @param id the name of its directory
     * @param origin where the module came from, e.g. {@code module 12 of seed 1}
     */
    public synchronized void save(Verdict v, Path module, String id, String origin) throws IOException {
        String sig = v.signature();
        counts.merge(sig, 1, Integer::sum);
        List<Finding> saved = bySignature.computeIfAbsent(sig, k -> new ArrayList<>());
        if (saved.size() >= maxPerSignature) {
            return;
        }
        Path dir = root.resolve(slug(sig)).resolve(id);
        Files.createDirectories(dir);
        Files.copy(module, dir.resolve("module.wasm"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("wasmjar.txt"), v.wasmjar().transcript().text());
        Files.writeString(dir.resolve("v8.txt"), v.v8().transcript().text());
        StringBuilder about = new StringBuilder(sig).append('\n')
                .append(origin).append('\n');
        v.difference().ifPresent(d -> about.append("first difference at line ").append(d.line() + 1)
                .append(":\n  wasmjar: ").append(d.wasmjar()).append("\n  v8:      ").append(d.v8()).append('\n'));
        Files.writeString(dir.resolve("verdict.txt"), about);
        saved.add(new Finding(dir, v));
    }

    /** The first saved finding of each signature, in the order they were found. */
    public synchronized List<Finding> firstOfEachSignature() {
        List<Finding> out = new ArrayList<>();
        for (List<Finding> l : bySignature.values()) {
            out.add(l.get(0));
        }
        return out;
    }

    /** How many findings of each signature there were (saved or not). */
    public synchronized Map<String, Integer> counts() {
        return new LinkedHashMap<>(counts);
    }

    /** A directory name for a signature: readable, and unique through a hash suffix. */
    static String slug(String signature) {
        String readable = signature.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(signature.getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
