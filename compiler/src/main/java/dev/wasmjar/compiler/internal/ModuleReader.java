package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompileException.Kind;
import dev.wasmjar.compiler.internal.component.ComponentInfo;
import dev.wasmjar.compiler.internal.component.ComponentReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns input bytes (a core module, or a component wrapping one) into a parsed and validated
 * module, or a {@link CompileException} that names the problem.
 *
 * <p>Three stages, so that no input can escape as anything but a {@code CompileException}:
 * <ol>
 *   <li>a component is unwrapped to its main core module ({@link ComponentReader});</li>
 *   <li>{@link BinaryPrecheck} checks the binary framing, so hostile sizes and counts are
 *       rejected (with their offset) before Chicory allocates anything for them;</li>
 *   <li>Chicory parses and validates; whatever it throws, including raw runtime exceptions and
 *       errors, is mapped to a {@code CompileException}; then the few WebAssembly 2.0 validation
 *       rules Chicory does not apply are checked.</li>
 * </ol>
 */
public final class ModuleReader {
    private ModuleReader() {
    }

    /**
     * A read module, the component it came from ({@code null} for a core module input), warnings
     * (e.g. a dropped malformed name section), and the core module's own bytes (the input itself,
     * or the main module cut out of the component) for consumers that re-read raw sections.
     */
    public record Result(WasmModule module, ComponentInfo component, List<String> warnings, byte[] coreModule) {
        public Result {
            warnings = List.copyOf(warnings);
        }

        /** Whether the input was a component. */
        public boolean isComponent() {
            return component != null;
        }
    }

    /** Parses and validates {@code bytes}; a component is unwrapped to its main core module. */
    public static WasmModule read(byte[] bytes) {
        return readAll(bytes).module();
    }

    /** Like {@link #read}, also returning the component information and warnings. */
    public static Result readAll(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new CompileException(Kind.MALFORMED, "empty input: not a WebAssembly module or component", 0, null);
        }
        ComponentInfo component = null;
        int start = 0;
        int end = bytes.length;
        if (ComponentReader.isComponent(bytes)) {
            component = ComponentReader.read(bytes);
            start = component.mainModuleOffset();
            end = start + component.mainModuleLength();
        }
        String where = component == null ? "" : "core module at offset " + start + ": ";
        BinaryPrecheck.Facts facts;
        try {
            facts = BinaryPrecheck.check(bytes, start, end);
            if (!facts.ambiguousBlockTypes.isEmpty()) {
                byte[] rewritten = BlockTypeIndices.rewrite(bytes, start, end, facts);
                facts = BinaryPrecheck.check(rewritten, 0, rewritten.length);
            }
        } catch (CompileException e) {
            throw component == null ? e : prefixed(e, where);
        }
        List<String> warnings = new ArrayList<>();
        if (facts.droppedNameSection != null) {
            warnings.add(where + "ignored malformed name section: " + facts.droppedNameSection);
        }
        WasmModule module = parse(facts, where);
        checkBeyondChicory(facts, where);
        return new Result(module, component, warnings, component == null ? bytes : component.mainModuleBytes());
    }

    private static WasmModule parse(BinaryPrecheck.Facts facts, String where) {
        byte[] data = facts.parseBytes;
        int offset = facts.parseOffset;
        int length = facts.parseLength;
        try {
            return Parser.builder().withValidation(true).build().parse(() -> new ByteArrayInputStream(data, offset, length));
        } catch (InvalidException e) {
            throw new CompileException(Kind.INVALID, where + e.getMessage(), -1, e);
        } catch (MalformedException e) {
            throw new CompileException(Kind.MALFORMED, where + e.getMessage(), -1, e);
        } catch (ChicoryException e) {
            throw new CompileException(kindOf(e), where + e.getMessage(), -1, e);
        } catch (StackOverflowError e) {
            throw new CompileException(Kind.LIMIT, where + "module too deeply nested to parse (stack overflow)", -1, e);
        } catch (OutOfMemoryError e) {
            throw new CompileException(Kind.LIMIT, where + "module too large to parse in the available heap", -1, e);
        } catch (RuntimeException | AssertionError e) {
            // Chicory trusts some of its input and fails with raw exceptions (index out of
            // bounds, null control frames, ...) on inputs the precheck does not catch; with
            // assertions enabled, also with AssertionErrors.
            throw new CompileException(kindOf(e), where + (kindOf(e) == Kind.INVALID ? "validation" : "parsing")
                    + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), -1, e);
        }
    }

    /** INVALID if the exception comes from Chicory's validator, MALFORMED if from its decoder. */
    private static Kind kindOf(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("com.dylibso.chicory.wasm.Validator")) {
                return Kind.INVALID;
            }
            if (c.startsWith("com.dylibso.chicory.wasm.Parser")) {
                return Kind.MALFORMED;
            }
        }
        return Kind.MALFORMED;
    }

    /** WebAssembly 2.0 validation rules Chicory 1.7.5 does not enforce (found with the spec suite). */
    private static void checkBeyondChicory(BinaryPrecheck.Facts f, String where) {
        for (long[] ref : f.importTypeRefs) {
            if (ref[0] >= f.typeCount) {
                throw invalid(where + "unknown type " + ref[0] + " in function import", ref[1]);
            }
        }
        if (f.importedMemories + f.definedMemories > 1) {
            throw invalid(where + "multiple memories (" + (f.importedMemories + f.definedMemories)
                    + "): WebAssembly 2.0 allows one", -1);
        }
        // In 2.0, constant expressions may only read imported globals.
        for (long[] ref : f.constGlobalRefs) {
            if (ref[0] >= f.importedGlobals) {
                throw invalid(where + "unknown global " + ref[0] + " in constant expression (only the "
                        + f.importedGlobals + " imported globals may be read)", ref[1]);
            }
        }
        long[] counts = {
            (long) f.importedFunctions + f.definedFunctions,
            (long) f.importedTables + f.definedTables,
            (long) f.importedMemories + f.definedMemories,
            (long) f.importedGlobals + f.definedGlobals};
        String[] kinds = {"function", "table", "memory", "global"};
        Set<String> names = new HashSet<>();
        for (int i = 0; i < f.exportNames.size(); i++) {
            long[] e = f.exportRefs.get(i);
            int kind = (int) e[0];
            if (e[1] >= counts[kind]) {
                throw invalid(where + "unknown " + kinds[kind] + " " + e[1] + " in export \"" + f.exportNames.get(i) + "\"", e[2]);
            }
            if (!names.add(f.exportNames.get(i))) {
                throw invalid(where + "duplicate export name \"" + f.exportNames.get(i) + "\"", e[2]);
            }
        }
    }

    private static CompileException invalid(String message, long offset) {
        return new CompileException(Kind.INVALID, message, offset, null);
    }

    private static CompileException prefixed(CompileException e, String where) {
        String msg = e.getMessage();
        String suffix = " (at byte offset " + e.offset() + ")";
        if (e.offset() >= 0 && msg.endsWith(suffix)) {
            msg = msg.substring(0, msg.length() - suffix.length());
        }
        return new CompileException(e.kind(), where + msg, e.offset(), e.getCause());
    }
}
