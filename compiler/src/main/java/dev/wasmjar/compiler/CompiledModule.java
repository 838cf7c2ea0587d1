package dev.wasmjar.compiler;

import dev.wasmjar.compiler.internal.GeneratedClassLoader;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The JVM classes compiled from one WebAssembly module, ready to be loaded, instantiated or
 * written to a jar.
 *
 * <pre>{@code
 * CompiledModule m = WasmCompiler.builder().className("com.acme.Hello").build().compile(bytes);
 * Instance i = m.instantiate(Imports.none());
 * int r = (int) i.function("add").invoke(1, 2);
 * }</pre>
 *
 * <p>{@link #load()} defines the classes once, in a class loader owned by this object; every
 * {@link #instantiate} creates a new, independent instance of them. Thread-safe.
 */
public final class CompiledModule {
    /** The manifest attribute of {@link #writeJar} naming the instance class. */
    private static final String INSTANCE_CLASS = "Wasmjar-Instance-Class";
    private final String className;
    private final Map<String, byte[]> classes;
    private volatile Class<? extends Instance> loaded;
    private volatile MethodHandle constructor;

    CompiledModule(String className, Map<String, byte[]> classes) {
        this.className = className;
        this.classes = Collections.unmodifiableMap(classes);
    }

    /** The binary name of the instance class, e.g. {@code com.acme.Hello}. */
    public String className() {
        return className;
    }

    /**
     * Every generated class file by internal name ({@code com/acme/Hello$Code0}), the instance
     * class first. The arrays are this module's own: do not modify them.
     */
    public Map<String, byte[]> classes() {
        return classes;
    }

    /** The instance class, defined (once) in a fresh class loader whose parent is the runtime's. */
    public Class<? extends Instance> load() {
        Class<? extends Instance> c = loaded;
        if (c == null) {
            synchronized (this) {
                c = loaded;
                if (c == null) {
                    ClassLoader loader = new GeneratedClassLoader(Instance.class.getClassLoader(), classes);
                    try {
                        c = Class.forName(className, false, loader).asSubclass(Instance.class);
                        constructor = MethodHandles.publicLookup()
                                .findConstructor(c, MethodType.methodType(void.class, Imports.class))
                                .asType(MethodType.methodType(Instance.class, Imports.class));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot load generated class " + className, e);
                    }
                    loaded = c;
                }
            }
        }
        return c;
    }

    /**
     * A new instance: links {@code imports}, initialises memory, tables, globals and segments,
     * and runs the start function.
     *
     * @throws dev.wasmjar.runtime.LinkException if imports are missing or do not match
     * @throws dev.wasmjar.runtime.Trap if initialisation or the start function traps
     */
    public Instance instantiate(Imports imports) {
        load();
        try {
            return (Instance) constructor.invokeExact(imports);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Reads a jar written by {@link #writeJar}: the same classes, ready to load, without
     * compiling again.
     *
     * @throws IOException if the file cannot be read or is not such a jar
     */
    public static CompiledModule readJar(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readJar(in);
        }
    }

    /** As {@link #readJar(Path)}, from {@code in}, which stays open. */
    public static CompiledModule readJar(InputStream in) throws IOException {
        JarInputStream jar = new JarInputStream(in);
        Manifest manifest = jar.getManifest();
        String className = manifest == null ? null : manifest.getMainAttributes().getValue(INSTANCE_CLASS);
        if (className == null) {
            throw new IOException("not a jar written by CompiledModule.writeJar (no " + INSTANCE_CLASS + ")");
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
            String name = e.getName();
            if (name.endsWith(".class")) {
                classes.put(name.substring(0, name.length() - ".class".length()), jar.readAllBytes());
            }
        }
        if (!classes.containsKey(className.replace('.', '/'))) {
            throw new IOException("the jar lacks its instance class " + className);
        }
        return new CompiledModule(className, classes);
    }

    /** Writes the classes as a jar (with a manifest) to {@code path}. */
    public void writeJar(Path path) throws IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            writeJar(out);
        }
    }

    /** Writes the classes as a jar (with a manifest) to {@code out}, which stays open. */
    public void writeJar(OutputStream out) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "wasmjar");
        manifest.getMainAttributes().putValue(INSTANCE_CLASS, className);
        JarOutputStream jar = new JarOutputStream(out, manifest);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            jar.putNextEntry(new JarEntry(e.getKey() + ".class"));
            jar.write(e.getValue());
            jar.closeEntry();
        }
        jar.finish();
    }
}
