package dev.wasmjar.compiler.internal.component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What wasmjar needs to know about a WebAssembly component: its embedded core modules (and
 * which one is the program), and the names it imports and exports. Produced by
 * {@link ComponentReader}; the component's type, alias and canonical-ABI sections are not
 * interpreted, because the host implements the WASI interfaces directly on the core imports.
 */
public final class ComponentInfo {
    /** A core module embedded in the component (possibly in a nested component). */
    public record CoreModule(int offset, int length, int nestingDepth, List<String> exports) {
        public CoreModule {
            exports = List.copyOf(exports);
        }
    }

    private static final Pattern VERSIONED = Pattern.compile("^([^/@]+)/([^@]+)@(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?$");

    private final byte[] file;
    private final List<CoreModule> coreModules;
    private final CoreModule main;
    private final List<String> imports;
    private final List<String> exports;

    ComponentInfo(byte[] file, List<CoreModule> coreModules, CoreModule main, List<String> imports, List<String> exports) {
        this.file = file;
        this.coreModules = List.copyOf(coreModules);
        this.main = main;
        this.imports = List.copyOf(imports);
        this.exports = List.copyOf(exports);
    }

    /** Every core module in file order, including TinyGo's small adapter/shim modules. */
    public List<CoreModule> coreModules() {
        return coreModules;
    }

    /** The core module holding the program. */
    public CoreModule mainModule() {
        return main;
    }

    /** A copy of the main core module's bytes. */
    public byte[] mainModuleBytes() {
        return Arrays.copyOfRange(file, main.offset(), main.offset() + main.length());
    }

    /** Offset of the main core module's first byte (its {@code \0asm} magic) in the component file. */
    public int mainModuleOffset() {
        return main.offset();
    }

    /** Length in bytes of the main core module. */
    public int mainModuleLength() {
        return main.length();
    }

    /** The component's top-level import names, e.g. {@code wasi:io/poll@0.2.0}, in file order. */
    public List<String> imports() {
        return imports;
    }

    /** The component's top-level export names, e.g. {@code wasi:cli/run@0.2.0}. */
    public List<String> exports() {
        return exports;
    }

    /**
     * The version suffix of the first import or export of package {@code pkg} (e.g.
     * {@code "wasi:cli"} → {@code "0.2.0"}), if the component uses that package with a version.
     */
    public Optional<String> versionOf(String pkg) {
        List<String> all = new ArrayList<>(imports);
        all.addAll(exports);
        for (String name : all) {
            Matcher m = VERSIONED.matcher(name);
            if (m.matches() && m.group(1).equals(pkg)) {
                return Optional.of(name.substring(name.indexOf('@') + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The WASI imports this host cannot serve: any {@code wasi:} interface not versioned
     * {@code 0.2.x} (wasmjar implements WASI 0.2; later 0.2 patch releases only add items, so
     * {@code @0.2.1} etc. are served by the same host). Empty when every WASI import fits.
     */
    public List<String> unsupportedWasiImports() {
        List<String> out = new ArrayList<>();
        for (String name : imports) {
            if (name.startsWith("wasi:") && !isWasi02(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Whether {@code name} is a WASI interface name with a {@code @0.2.x} version. */
    public static boolean isWasi02(String name) {
        Matcher m = VERSIONED.matcher(name);
        return m.matches() && m.group(1).startsWith("wasi:") && m.group(3).equals("0") && m.group(4).equals("2");
    }

    /**
     * {@code name} without its version suffix ({@code wasi:io/poll@0.2.3} → {@code wasi:io/poll}),
     * so a host can look interfaces up independently of the 0.2 patch version.
     */
    public static String unversioned(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    @Override
    public String toString() {
        return "ComponentInfo[" + coreModules.size() + " core modules, main at " + main.offset() + " (" + main.length()
                + " bytes), imports=" + imports + ", exports=" + exports + "]";
    }
}
