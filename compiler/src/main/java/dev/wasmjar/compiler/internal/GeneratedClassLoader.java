package dev.wasmjar.compiler.internal;

import java.util.Map;

/**
 * Defines the classes of one compiled module, on demand, from their class files. Its parent is
 * the loader of the wasmjar runtime, the only thing generated code refers to.
 */
public final class GeneratedClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /** {@code classes}: internal name ({@code com/acme/Hello$Code0}) to class file. */
    public GeneratedClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
        super(parent);
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] b = classes.get(name.replace('.', '/'));
        if (b == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, b, 0, b.length);
    }
}
