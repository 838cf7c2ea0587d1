package dev.wasmjar.runtime;

import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WebAssembly function type. Instances are interned: two equal types are the same object,
 * so generated code checks {@code call_indirect} signatures with a reference comparison.
 *
 * <p>The JVM shape of a function of this type ({@link #methodType()}) takes one JVM parameter
 * per wasm parameter and returns {@code void}, the single result, or an {@code Object[]} of
 * boxed results when there are several.
 */
public final class FunctionType {
    private static final ConcurrentHashMap<String, FunctionType> INTERNED = new ConcurrentHashMap<>();

    private final List<ValueType> params;
    private final List<ValueType> results;
    private final String key;
    private final MethodType methodType;

    private FunctionType(List<ValueType> params, List<ValueType> results, String key) {
        this.params = params;
        this.results = results;
        this.key = key;
        Class<?>[] p = new Class<?>[params.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = params.get(i).jvmType();
        }
        Class<?> r = results.isEmpty() ? void.class
                : results.size() == 1 ? results.get(0).jvmType() : Object[].class;
        this.methodType = MethodType.methodType(r, p);
    }

    /** The interned function type with these parameter and result types. */
    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        String key = key(params, results);
        FunctionType t = INTERNED.get(key);
        if (t != null) {
            return t;
        }
        return INTERNED.computeIfAbsent(key, k -> new FunctionType(List.copyOf(params), List.copyOf(results), k));
    }

    /**
     * The interned function type named by its {@link #toString()} form, e.g. {@code (i32 i64)->(f32)}.
     * Generated code uses this to obtain its type constants.
     */
    public static FunctionType parse(String text) {
        FunctionType t = INTERNED.get(text);
        if (t != null) {
            return t;
        }
        int arrow = text.indexOf("->");
        if (!text.startsWith("(") || arrow < 0) {
            throw new IllegalArgumentException("not a function type: " + text);
        }
        return of(parseList(text.substring(0, arrow)), parseList(text.substring(arrow + 2)));
    }

    private static List<ValueType> parseList(String s) {
        String inner = s.substring(1, s.length() - 1).trim();
        if (inner.isEmpty()) {
            return List.of();
        }
        String[] parts = inner.split(" ");
        ValueType[] out = new ValueType[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = ValueType.valueOf(parts[i].toUpperCase(java.util.Locale.ROOT));
        }
        return List.of(out);
    }

    private static String key(List<ValueType> params, List<ValueType> results) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(params.get(i).wasmName());
        }
        sb.append(")->(");
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(results.get(i).wasmName());
        }
        return sb.append(')').toString();
    }

    public List<ValueType> params() {
        return params;
    }

    public List<ValueType> results() {
        return results;
    }

    /** The JVM method type of a function with this wasm type (see the class comment). */
    public MethodType methodType() {
        return methodType;
    }

    /** The text form, e.g. {@code (i32 i32)->(i64)}; {@link #parse(String)} reads it back. */
    @Override
    public String toString() {
        return key;
    }
}
