package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.ParserListener;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.util.OptionalLong;

/**
 * Collects the sections Chicory's parser reports and assembles its {@link WasmModule} from
 * them, with Chicory's validator off.
 *
 * <p>The start section is held back until validation has passed: Chicory's module builder
 * checks a start function's type even without its validator (and words the error its own way),
 * so the module is first built without it ({@link #withoutStart()}), validated, and then built
 * again with it ({@link #complete()}), which only costs re-linking the section objects.
 */
final class ParsedSections implements ParserListener {
    private final WasmModule.Builder builder = WasmModule.builder().withValidation(false);
    private StartSection start;

    @Override
    public void onSection(Section s) {
        switch (s.sectionId()) {
            case SectionId.CUSTOM -> builder.addCustomSection(((CustomSection) s).name(), (CustomSection) s);
            case SectionId.TYPE -> builder.setTypeSection((TypeSection) s);
            case SectionId.IMPORT -> builder.setImportSection((ImportSection) s);
            case SectionId.FUNCTION -> builder.setFunctionSection((FunctionSection) s);
            case SectionId.TABLE -> builder.setTableSection((TableSection) s);
            case SectionId.MEMORY -> builder.setMemorySection((MemorySection) s);
            case SectionId.GLOBAL -> builder.setGlobalSection((GlobalSection) s);
            case SectionId.EXPORT -> builder.setExportSection((ExportSection) s);
            case SectionId.START -> start = (StartSection) s;
            case SectionId.ELEMENT -> builder.setElementSection((ElementSection) s);
            case SectionId.CODE -> builder.setCodeSection((CodeSection) s);
            case SectionId.DATA -> builder.setDataSection((DataSection) s);
            case SectionId.DATA_COUNT -> builder.setDataCountSection((DataCountSection) s);
            // the precheck rejects every other section id (the tag section is not WebAssembly 2.0)
            default -> throw new IllegalStateException("unexpected section " + s.sectionId());
        }
    }

    /** The module without its start section. */
    WasmModule withoutStart() {
        return builder.build();
    }

    /** The start section's function index, if the module has one. */
    OptionalLong startFunction() {
        return start == null ? OptionalLong.empty() : OptionalLong.of(start.startIndex());
    }

    /** The whole module. */
    WasmModule complete() {
        if (start != null) {
            builder.setStartSection(start);
        }
        return builder.build();
    }
}
