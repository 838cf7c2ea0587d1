package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The host functions of one WASI host, keyed by WIT interface (without version) and core import
 * name, and served to the linker as an {@link Imports.Resolver}.
 *
 * <p>A function is declared with its interface ({@code "wasi:io/poll"}), its core import name as
 * the canonical ABI spells it ({@code "[method]pollable.block"}, {@code "[resource-drop]pollable"},
 * {@code "[static]..."}, {@code "[constructor]..."} or a plain function name), its flattened core
 * signature in {@link FunctionType#parse} form ({@code "(i32)->()"}) and its implementation.
 * The resolver answers for the interface with any {@code @0.2.x} version suffix, since every 0.2
 * patch release keeps the 0.2.0 ABI.
 */
public final class HostFunctions implements Imports.Resolver {
    private final Map<String, WasmFunction> functions = new HashMap<>();

    /** Declares {@code name} of {@code iface} implemented by {@code impl} (adapted to the signature). */
    public HostFunctions define(String iface, String name, String signature, MethodHandle impl) {
        FunctionType type = FunctionType.parse(signature);
        WasmFunction f;
        try {
            f = WasmFunction.of(type, impl);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(iface + "#" + name + ": implementation " + impl.type()
                    + " does not fit " + signature, e);
        }
        if (functions.putIfAbsent(key(iface, name), f) != null) {
            throw new IllegalArgumentException("defined twice: " + iface + "#" + name);
        }
        return this;
    }

    /**
     * Declares {@code name} of {@code iface} implemented by the instance method {@code method} of
     * {@code target} whose JVM signature is exactly the core signature's (found through
     * {@code lookup}, so it may be private to the implementing class).
     */
    public HostFunctions define(String iface, String name, String signature,
                                MethodHandles.Lookup lookup, Object target, String method) {
        FunctionType type = FunctionType.parse(signature);
        MethodHandle mh;
        try {
            mh = lookup.findVirtual(target.getClass(), method, type.methodType()).bindTo(target);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(iface + "#" + name + ": no method " + method
                    + type.methodType() + " in " + target.getClass().getName(), e);
        }
        return define(iface, name, signature, mh);
    }

    /** The function declared for {@code iface} (no version) and {@code name}, or {@code null}. */
    public WasmFunction lookup(String iface, String name) {
        return functions.get(key(iface, name));
    }

    /** Every declared {@code iface#name}, for diagnostics and tests. */
    public Set<String> names() {
        return Collections.unmodifiableSet(functions.keySet());
    }

    @Override
    public Object resolve(String module, String name) {
        String iface = interfaceOf(module);
        return iface == null ? null : functions.get(key(iface, name));
    }

    /**
     * {@code "wasi:io/poll@0.2.1"} → {@code "wasi:io/poll"}; {@code null} for a module name that is
     * not a 0.2.x interface (other versions have other ABIs, pre-releases included).
     */
    static String interfaceOf(String module) {
        if (module.equals("wasi_snapshot_preview1") || module.equals("wasi_unstable")) {
            // The preview1 modules are unversioned: their functions are declared under the module name.
            return module;
        }
        int at = module.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String version = module.substring(at + 1);
        if (!version.startsWith("0.2.")) {
            return null;
        }
        for (int i = 4; i < version.length(); i++) {
            if (!Character.isDigit(version.charAt(i))) {
                return null;
            }
        }
        return version.length() > 4 ? module.substring(0, at) : null;
    }

    private static String key(String iface, String name) {
        return iface + '#' + name;
    }
}
