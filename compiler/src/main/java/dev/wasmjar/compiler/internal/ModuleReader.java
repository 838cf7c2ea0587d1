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
import dev.wasmjar.compiler.internal.validate.ModuleValidator;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns input bytes (a core module, or a component wrapping one) into a parsed and validated
 * module, or a {@link CompileException} that names the problem.
 *
 * <p>Four stages, so that no input can escape as anything but a {@code CompileException}:
 * <ol>
 *   <li>a component is unwrapped to its main core module ({@link ComponentReader});</li>
 *   <li>{@link BinaryPrecheck} checks the binary framing, so hostile sizes and counts are
 *       rejected (with their offset) before Chicory allocates anything for them, and the few
 *       inputs Chicory's parser would misread are rejected or renumbered
 *       ({@link BlockTypeIndices});</li>
 *   <li>Chicory parses, with its own validator off; whatever it throws, including raw runtime
 *       exceptions and errors, is mapped to a {@code CompileException};</li>
 *   <li>{@link ModuleValidator} validates the parsed module (all of WebAssembly 2.0's rules).</li>
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
        InputOffsets offsets = new InputOffsets(start);
        try {
            facts = BinaryPrecheck.check(bytes, start, end);
            if (!facts.ambiguousBlockTypes.isEmpty()) {
                BlockTypeIndices.Rewritten rewritten = BlockTypeIndices.rewrite(bytes, start, end, facts);
                offsets.inserted(rewritten.typeSectionEnd(), rewritten.growth());
                facts = BinaryPrecheck.check(rewritten.module(), 0, rewritten.module().length);
            }
        } catch (CompileException e) {
            throw component == null ? e : prefixed(e, where);
        }
        List<String> warnings = new ArrayList<>();
        if (facts.droppedNameSection != null) {
            warnings.add(where + "ignored malformed name section: " + facts.droppedNameSection);
            offsets.removed(facts.droppedNameSectionAt, facts.droppedNameSectionLength);
        }
        ParsedSections sections = parse(facts, where);
        try {
            ModuleValidator.validate(sections.withoutStart(), sections.startFunction(), offsets);
        } catch (CompileException e) {
            throw component == null ? e : prefixed(e, where);
        }
        WasmModule module = sections.complete();
        return new Result(module, component, warnings, component == null ? bytes : component.mainModuleBytes());
    }

    private static ParsedSections parse(BinaryPrecheck.Facts facts, String where) {
        ParsedSections sections = new ParsedSections();
        try {
            Parser.builder().withValidation(false).build().parse(
                    new ByteArrayInputStream(facts.parseBytes, facts.parseOffset, facts.parseLength), sections);
            return sections;
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

    private static CompileException prefixed(CompileException e, String where) {
        String msg = e.getMessage();
        String suffix = " (at byte offset " + e.offset() + ")";
        if (e.offset() >= 0 && msg.endsWith(suffix)) {
            msg = msg.substring(0, msg.length() - suffix.length());
        }
        return new CompileException(e.kind(), where + msg, e.offset(), e.getCause());
    }
}
