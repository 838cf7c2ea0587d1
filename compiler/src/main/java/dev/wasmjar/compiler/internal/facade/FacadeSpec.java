package dev.wasmjar.compiler.internal.facade;

import java.util.List;
import java.util.Objects;

/**
 * Everything the facade generator needs to know about one module.
 *
 * @param className binary name of the facade class to generate, e.g. {@code com.acme.Hello}
 * @param instanceClassName binary name of the compiled instance class it wraps, e.g.
 *     {@code com.acme.Hello$Module}
 * @param source how to name the wasm input in documentation, e.g. {@code src/main/wasm/hello.wasm}
 * @param sha256 hex SHA-256 of the wasm input, recorded in the documentation
 * @param generator who generated the facade, e.g. {@code wasmjar 0.1.0}
 * @param exports every export of the module, in module order
 * @param include the names of the exports to expose as methods, or {@code null} for all of them
 */
public record FacadeSpec(String className, String instanceClassName, String source, String sha256,
        String generator, List<ModuleExport> exports, java.util.Set<String> include) {
    public FacadeSpec {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(instanceClassName, "instanceClassName");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(generator, "generator");
        exports = List.copyOf(exports);
        include = include == null ? null : java.util.Set.copyOf(include);
        if (className.equals(instanceClassName)) {
            throw new IllegalArgumentException("the facade and the instance class need different names: " + className);
        }
    }

    /** Whether {@code export} becomes a method or accessor of the facade. */
    public boolean exposes(ModuleExport export) {
        return include == null || include.contains(export.name());
    }

    /** The facade's package, or {@code ""} for the unnamed package. */
    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The facade's simple name. */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
