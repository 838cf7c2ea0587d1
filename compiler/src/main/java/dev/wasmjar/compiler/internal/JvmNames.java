package dev.wasmjar.compiler.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * Turns wasm names (from the name section) into JVM method and field names that are legal,
 * readable and unique within one class.
 *
 * <p>{@code .} becomes {@code ·} (U+00B7, the separator Go's own assembler uses), so Go's
 * {@code main.fib} reads {@code main·fib} in a Java stack trace; the other characters the JVM
 * forbids in member names ({@code ; [ / < >}) become {@code _}. Names the compiler reserves
 * for its own members start with {@code $}; a wasm name that would start with {@code $} gets
 * a leading {@code _}. A name used twice gets {@code $<index>} appended.
 */
public final class JvmNames {
    /** Longer names are cut: a class file stores a name in at most 65535 bytes of modified UTF-8. */
    static final int MAX_LENGTH = 512;

    private final Set<String> used = new HashSet<>();

    /**
     * A unique member name for the wasm name {@code wasmName} ({@code null} if none), falling
     * back to {@code fallbackPrefix + index}.
     */
    public String unique(String wasmName, String fallbackPrefix, int index) {
        String base = wasmName == null || wasmName.isEmpty() ? fallbackPrefix + index : sanitize(wasmName);
        String name = base;
        if (!used.add(name)) {
            name = base + "$" + index;
            int n = 2;
            while (!used.add(name)) {
                name = base + "$" + index + "$" + n++;
            }
        }
        return name;
    }

    /** The legal JVM member name for {@code wasmName} (not made unique). */
    public static String sanitize(String wasmName) {
        String s = wasmName.length() > MAX_LENGTH ? wasmName.substring(0, MAX_LENGTH) : wasmName;
        StringBuilder sb = new StringBuilder(s.length() + 1);
        if (s.startsWith("$")) {
            sb.append('_');
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '.':
                    sb.append('\u00B7');
                    break;
                case ';':
                case '[':
                case '/':
                case '<':
                case '>':
                    sb.append('_');
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
