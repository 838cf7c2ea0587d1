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
import java.util.concurrent.ConcurrentHashMap;

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
    /**
     * The unbound handles of the methods {@link #define(String, String, String, MethodHandles.Lookup,
     * Object, String)} found, per implementing class: every host declares the same couple of
     * hundred functions, and looking each up again per host cost about a millisecond a host.
     */
    private static final ClassValue<Map<String, MethodHandle>> METHODS = new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /**
     * {@code iface#name} to its {@link WasmFunction}, or to an {@link Unbound} method that
     * becomes one when a guest first imports it (most guests import a few dozen of the
     * functions, so binding all of them for every host would be wasted).
     */
    private final Map<String, Object> functions = new HashMap<>();

    /**
     * A method of a host object, not yet looked up or bound: a first host declares a couple of
     * hundred functions, and looking them all up (each a new method handle, some a new lambda
     * form) took 130-250 ms of a fresh JVM's first instantiation when a guest imports a few dozen.
     */
    private static final class Unbound {
        final String iface;
        final String name;
        final FunctionType type;
        final MethodHandles.Lookup lookup;
        final Object target;
        final String method;

        Unbound(String iface, String name, FunctionType type, MethodHandles.Lookup lookup, Object target,
                String method) {
            this.iface = iface;
            this.name = name;
            this.type = type;
            this.lookup = lookup;
            this.target = target;
            this.method = method;
        }

        WasmFunction bind() {
            Class<?> owner = target.getClass();
            // The lookup class is part of the key: access was checked for it.
            String key = lookup.lookupClass().getName() + ' ' + method + type.methodType().toMethodDescriptorString();
            Map<String, MethodHandle> methods = METHODS.get(owner);
            MethodHandle mh = methods.get(key);
            if (mh == null) {
                try {
                    mh = lookup.findVirtual(owner, method, type.methodType());
                } catch (NoSuchMethodException | IllegalAccessException e) {
                    throw new IllegalArgumentException(iface + "#" + name + ": no method " + method
                            + type.methodType() + " in " + owner.getName(), e);
                }
                methods.put(key, mh);
            }
            return WasmFunction.of(type, mh.bindTo(target));
        }
    }

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
        return add(iface, name, f);
    }

    /**
     * Declares {@code name} of {@code iface} implemented by the instance method {@code method} of
     * {@code target} whose JVM signature is exactly the core signature's (found through
     * {@code lookup}, so it may be private to the implementing class). The method is looked up
     * when a guest first imports the function; a missing one is an {@link IllegalArgumentException}
     * then (the WASI host's tests bind every function it declares).
     */
    public HostFunctions define(String iface, String name, String signature,
                                MethodHandles.Lookup lookup, Object target, String method) {
        FunctionType type = FunctionType.parse(signature);
        return add(iface, name, new Unbound(iface, name, type, lookup, target, method));
    }

    private HostFunctions add(String iface, String name, Object function) {
        if (functions.putIfAbsent(key(iface, name), function) != null) {
            throw new IllegalArgumentException("defined twice: " + iface + "#" + name);
        }
        return this;
    }

    /** The function declared for {@code iface} (no version) and {@code name}, or {@code null}. */
    public WasmFunction lookup(String iface, String name) {
        return function(key(iface, name));
    }

    private WasmFunction function(String key) {
        Object f = functions.get(key);
        if (f instanceof Unbound) {
            WasmFunction bound = ((Unbound) f).bind();
            // Replaces the value of an existing key: no structural change to the map.
            functions.put(key, bound);
            return bound;
        }
        return (WasmFunction) f;
    }

    /** Every declared {@code iface#name}, for diagnostics and tests. */
    public Set<String> names() {
        return Collections.unmodifiableSet(functions.keySet());
    }

    @Override
    public Object resolve(String module, String name) {
        String iface = interfaceOf(module);
        return iface == null ? null : function(key(iface, name));
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
