package dev.wasmjar.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the host supplies to instantiate a module: imported functions, memories, tables and
 * globals by module and field name, and limits such as the memory cap.
 *
 * <pre>{@code
 * Imports imports = Imports.builder()
 *     .function("env", "log", WasmFunction.of(type, handle))
 *     .instance("lib", otherInstance)          // everything another instance exports
 *     .maxMemoryPages(1024)                    // 64 MiB cap
 *     .build();
 * }</pre>
 */
public final class Imports {
    private final Map<String, Object> values;
    private final Map<String, Instance> instances;
    private final java.util.List<Resolver> resolvers;
    private final int maxMemoryPages;

    private Imports(Builder b) {
        this.values = Map.copyOf(b.values);
        this.instances = Map.copyOf(b.instances);
        this.resolvers = java.util.List.copyOf(b.resolvers);
        this.maxMemoryPages = b.maxMemoryPages;
    }

    /**
     * Supplies imports computed from their names, e.g. a WASI host that answers for any
     * {@code wasi:io/streams@0.2.x}. Returns {@code null} for names it does not know.
     */
    @FunctionalInterface
    public interface Resolver {
        Object resolve(String module, String name);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No imports at all. */
    public static Imports none() {
        return builder().build();
    }

    /**
     * The value supplied for {@code module}/{@code name}: a {@link WasmFunction},
     * {@link Memory}, {@link Table} or {@link Global}, or {@code null} if none.
     */
    public Object resolve(String module, String name) {
        Object v = values.get(key(module, name));
        if (v != null) {
            return v;
        }
        Instance i = instances.get(module);
        if (i != null) {
            return i.exports().get(name);
        }
        for (Resolver r : resolvers) {
            Object o = r.resolve(module, name);
            if (o != null) {
                return o;
            }
        }
        return null;
    }

    /** The most pages any memory the module defines may have (the embedder's cap). */
    public int maxMemoryPages() {
        return maxMemoryPages;
    }

    private static String key(String module, String name) {
        return module + '\0' + name;
    }

    /** Builds {@link Imports}. Later definitions of the same name replace earlier ones. */
    public static final class Builder {
        private final Map<String, Object> values = new HashMap<>();
        private final Map<String, Instance> instances = new HashMap<>();
        private final java.util.List<Resolver> resolvers = new java.util.ArrayList<>();
        private int maxMemoryPages = Memory.MAX_PAGES;

        private Builder() {
        }

        public Builder function(String module, String name, WasmFunction f) {
            return put(module, name, f);
        }

        public Builder memory(String module, String name, Memory m) {
            return put(module, name, m);
        }

        public Builder table(String module, String name, Table t) {
            return put(module, name, t);
        }

        public Builder global(String module, String name, Global g) {
            return put(module, name, g);
        }

        /** Makes every export of {@code instance} importable under module name {@code module}. */
        public Builder instance(String module, Instance instance) {
            instances.put(Objects.requireNonNull(module), Objects.requireNonNull(instance));
            return this;
        }

        /** Asks {@code resolver} for any name not supplied explicitly (resolvers are asked in order). */
        public Builder resolver(Resolver resolver) {
            resolvers.add(Objects.requireNonNull(resolver));
            return this;
        }

        /** Caps every memory the module defines (not imported ones) at {@code pages} 64 KiB pages. */
        public Builder maxMemoryPages(int pages) {
            if (pages < 0) {
                throw new IllegalArgumentException("negative page cap");
            }
            this.maxMemoryPages = Math.min(pages, Memory.MAX_PAGES);
            return this;
        }

        private Builder put(String module, String name, Object v) {
            values.put(key(Objects.requireNonNull(module), Objects.requireNonNull(name)), Objects.requireNonNull(v));
            return this;
        }

        public Imports build() {
            return new Imports(this);
        }
    }
}
