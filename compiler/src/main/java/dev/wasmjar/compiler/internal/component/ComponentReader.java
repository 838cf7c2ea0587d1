package dev.wasmjar.compiler.internal.component;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompileException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the parts of a WebAssembly component binary (the component model's binary format,
 * preamble {@code 00 61 73 6d 0d 00 01 00}) that wasmjar needs: the embedded core modules, and
 * the component's import and export names. Sections are framed by their size, so everything
 * else (types, aliases, canonical definitions, instances) is skipped unread.
 *
 * <p>Core modules are found at the top level and inside nested components; imports and
 * exports are only collected at the top level, which is what the host sees.
 */
public final class ComponentReader {
    /** Component binary version this reader understands (the pre-standard layer-1 version TinyGo emits). */
    public static final int VERSION = 0x0d;

    /** Deepest nesting of components followed; real components nest one or two levels. */
    private static final int MAX_COMPONENT_NESTING = 64;

    private final byte[] b;
    private int pos;
    private int limit;
    private final List<ComponentInfo.CoreModule> modules = new ArrayList<>();
    private final List<String> imports = new ArrayList<>();
    private final List<String> exports = new ArrayList<>();

    private ComponentReader(byte[] b) {
        this.b = b;
        this.limit = b.length;
    }

    /**
     * Whether {@code bytes} starts with the component preamble of the supported version. Other
     * layer-1 versions are treated as core modules with an unknown version, which the spec
     * requires to be reported as malformed.
     */
    public static boolean isComponent(byte[] bytes) {
        return bytes.length >= 8 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm'
                && bytes[4] == VERSION && bytes[5] == 0 && bytes[6] == 1 && bytes[7] == 0;
    }

    /**
     * Reads the component in {@code bytes}.
     *
     * @throws CompileException MALFORMED if the component framing is broken, UNSUPPORTED if it has
     *     an unknown version or contains no core module
     */
    public static ComponentInfo read(byte[] bytes) {
        if (!isComponent(bytes)) {
            throw new CompileException(Kind.MALFORMED, "not a WebAssembly component (expected preamble 00 61 73 6d 0d 00 01 00)", 0, null);
        }
        ComponentReader r = new ComponentReader(bytes);
        r.pos = 8;
        r.component(0);
        if (r.modules.isEmpty()) {
            throw new CompileException(Kind.UNSUPPORTED,
                    "component contains no core module; wasmjar compiles components that embed a core module", 0, null);
        }
        return new ComponentInfo(bytes, r.modules, chooseMain(r.modules), r.imports, r.exports);
    }

    /**
     * The program's module: the one exporting {@code memory} together with {@code cabi_realloc}
     * or a {@code wasi:cli/run} implementation (TinyGo's main module; its adapter modules export
     * neither); failing that, the largest.
     */
    static ComponentInfo.CoreModule chooseMain(List<ComponentInfo.CoreModule> modules) {
        ComponentInfo.CoreModule best = null;
        for (ComponentInfo.CoreModule m : modules) {
            if (isProgram(m) && (best == null || m.length() > best.length())) {
                best = m;
            }
        }
        if (best != null) {
            return best;
        }
        for (ComponentInfo.CoreModule m : modules) {
            if (best == null || m.length() > best.length()) {
                best = m;
            }
        }
        return best;
    }

    private static boolean isProgram(ComponentInfo.CoreModule m) {
        boolean memory = m.exports().contains("memory");
        boolean entry = m.exports().contains("cabi_realloc")
                || m.exports().stream().anyMatch(e -> e.startsWith("wasi:cli/run@") && e.endsWith("#run"));
        return memory && entry;
    }

    // ---------------------------------------------------------------- component sections

    private void component(int depth) {
        while (pos < limit) {
            int sectionStart = pos;
            int id = u8();
            long size = u32();
            if (size > limit - pos) {
                throw malformed("component section " + id + " size " + size + " exceeds the remaining " + (limit - pos)
                        + " bytes", sectionStart);
            }
            int contentStart = pos;
            int end = pos + (int) size;
            int saved = limit;
            limit = end;
            switch (id) {
                case 1 -> {
                    modules.add(new ComponentInfo.CoreModule(contentStart, (int) size, depth, CoreExports.scan(b, contentStart, end)));
                    pos = end;
                }
                case 4 -> {
                    if (depth + 1 > MAX_COMPONENT_NESTING) {
                        throw new CompileException(Kind.LIMIT, "components nested more than " + MAX_COMPONENT_NESTING + " deep",
                                sectionStart, null);
                    }
                    if (size < 8 || !isPreamble(contentStart)) {
                        throw malformed("nested component does not start with a component preamble", contentStart);
                    }
                    pos = contentStart + 8;
                    component(depth + 1);
                }
                case 10 -> {
                    if (depth == 0) {
                        importSection();
                    } else {
                        pos = end;
                    }
                }
                case 11 -> {
                    if (depth == 0) {
                        exportSection();
                    } else {
                        pos = end;
                    }
                }
                case 0, 2, 3, 5, 6, 7, 8, 9, 12 -> pos = end; // not needed: skipped by size
                default -> throw malformed("malformed component section id " + id, sectionStart);
            }
            if (pos != end) {
                throw malformed("component section " + id + " size mismatch: content ends after " + (pos - contentStart)
                        + " of " + size + " bytes", pos);
            }
            limit = saved;
        }
    }

    private boolean isPreamble(int at) {
        return b[at] == 0 && b[at + 1] == 'a' && b[at + 2] == 's' && b[at + 3] == 'm' && b[at + 6] == 1 && b[at + 7] == 0;
    }

    private void importSection() {
        long n = count();
        for (long i = 0; i < n; i++) {
            imports.add(externName());
            externDesc();
        }
    }

    private void exportSection() {
        long n = count();
        for (long i = 0; i < n; i++) {
            exports.add(externName());
            int sortAt = pos;
            int sort = u8();
            if (sort == 0x00) {
                u8(); // core sort
            } else if (sort > 0x05) {
                throw malformed("malformed sort 0x" + Integer.toHexString(sort), sortAt);
            }
            u32(); // index
            int optAt = pos;
            int hasType = u8();
            if (hasType == 1) {
                externDesc();
            } else if (hasType != 0) {
                throw malformed("malformed optional export type 0x" + Integer.toHexString(hasType), optAt);
            }
        }
    }

    /** importname'/exportname': {@code 0x00 name}, or {@code 0x01 name versionsuffix} (newer encoders). */
    private String externName() {
        int at = pos;
        int kind = u8();
        if (kind != 0x00 && kind != 0x01) {
            throw malformed("malformed import/export name prefix 0x" + Integer.toHexString(kind), at);
        }
        String name = string();
        if (kind == 0x01) {
            String suffix = string();
            if (!name.contains("@") && !suffix.isEmpty()) {
                name = name + "@" + suffix;
            }
        }
        return name;
    }

    private void externDesc() {
        int at = pos;
        int kind = u8();
        switch (kind) {
            case 0x00 -> {
                int sortAt = pos;
                if (u8() != 0x11) {
                    throw malformed("malformed core extern descriptor (expected module sort 0x11)", sortAt);
                }
                u32();
            }
            case 0x01, 0x04, 0x05 -> u32(); // func/component/instance type index
            case 0x02 -> { // value bound: eq valueidx, or a value type (s33-encoded)
                int bound = u8();
                if (bound == 0x00) {
                    u32();
                } else if (bound == 0x01) {
                    s33();
                } else {
                    throw malformed("malformed value bound 0x" + Integer.toHexString(bound), at + 1);
                }
            }
            case 0x03 -> { // type bound: eq typeidx, or sub resource
                int bound = u8();
                if (bound == 0x00) {
                    u32();
                } else if (bound != 0x01) {
                    throw malformed("malformed type bound 0x" + Integer.toHexString(bound), at + 1);
                }
            }
            default -> throw malformed("malformed extern descriptor 0x" + Integer.toHexString(kind), at);
        }
    }

    // ---------------------------------------------------------------- primitives

    private int u8() {
        if (pos >= limit) {
            throw malformed("unexpected end of component", pos);
        }
        return b[pos++] & 0xFF;
    }

    private long u32() {
        int at = pos;
        long v = 0;
        for (int i = 0; i < 5; i++) {
            int x = u8();
            if (i == 4 && (x & 0xF0) != 0) {
                throw malformed("integer too large or too long (u32)", at);
            }
            v |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalStateException();
    }

    private void s33() {
        int at = pos;
        for (int i = 0; i < 5; i++) {
            int x = u8();
            if ((x & 0x80) == 0) {
                return;
            }
        }
        throw malformed("integer representation too long (s33)", at);
    }

    private long count() {
        int at = pos;
        long n = u32();
        if (n > limit - pos) {
            throw malformed("vector count " + n + " exceeds the " + (limit - pos) + " bytes remaining", at);
        }
        return n;
    }

    private String string() {
        long len = count();
        String s = new String(b, pos, (int) len, StandardCharsets.UTF_8);
        pos += (int) len;
        return s;
    }

    private static CompileException malformed(String message, int offset) {
        return new CompileException(Kind.MALFORMED, message, offset, null);
    }

    /**
     * Best-effort list of a core module's export names, only to recognise the main module. A
     * module whose framing is broken yields what could be read; the full check of the chosen
     * module happens later and reports such problems properly.
     */
    static final class CoreExports {
        private CoreExports() {
        }

        static List<String> scan(byte[] b, int start, int end) {
            List<String> out = new ArrayList<>();
            if (end - start < 8) {
                return out;
            }
            int[] p = {start + 8};
            try {
                while (p[0] < end) {
                    int id = b[p[0]++] & 0xFF;
                    long size = leb(b, p, end);
                    if (size > end - p[0]) {
                        return out;
                    }
                    int sectionEnd = p[0] + (int) size;
                    if (id == 7) {
                        long n = leb(b, p, sectionEnd);
                        for (long i = 0; i < n && p[0] < sectionEnd; i++) {
                            long len = leb(b, p, sectionEnd);
                            if (len > sectionEnd - p[0]) {
                                return out;
                            }
                            out.add(new String(b, p[0], (int) len, StandardCharsets.UTF_8));
                            p[0] += (int) len + 1; // name, kind byte
                            leb(b, p, sectionEnd); // index
                        }
                        return out;
                    }
                    p[0] = sectionEnd;
                }
            } catch (IndexOutOfBoundsException e) {
                // truncated: keep what was read
            }
            return out;
        }

        private static long leb(byte[] b, int[] p, int end) {
            long v = 0;
            for (int i = 0; i < 5; i++) {
                if (p[0] >= end) {
                    throw new IndexOutOfBoundsException();
                }
                int x = b[p[0]++] & 0xFF;
                v |= (long) (x & 0x7F) << (7 * i);
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IndexOutOfBoundsException();
        }
    }
}
