package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import dev.wasmjar.compiler.CompileException;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Validates a module parsed by Chicory (without Chicory's validator): the module-level rules
 * of the spec (function types, memories, globals, element and data segments, start function,
 * exports) and then every function body.
 *
 * <p>Limits of tables and memories are the one part enforced earlier: Chicory's
 * {@code TableLimits} and {@code MemoryLimits} cannot represent invalid ones and reject them,
 * with the spec's wording, while parsing.
 */
public final class ModuleValidator {
    private final WasmModule module;
    private final OptionalLong startFunction;
    private final IntUnaryOperator offsets;
    private final ValidationContext context;
    private final ConstantExpressionValidator constants;

    private ModuleValidator(WasmModule module, OptionalLong startFunction, IntUnaryOperator offsets) {
        this.module = module;
        this.startFunction = startFunction;
        this.offsets = offsets;
        this.context = locate(() -> ValidationContext.of(module), "", null);
        this.constants = new ConstantExpressionValidator(context);
    }

    /**
     * Validates {@code module} and its start function.
     *
     * @param startFunction the start section's function index: passed on its own (and any
     *     start section of {@code module} ignored) because Chicory's module builder checks a
     *     start section itself, so the module is validated before it gets one
     * @param offsets maps the instruction addresses Chicory recorded (positions in the bytes it
     *     parsed) to offsets in the input, for messages
     * @throws CompileException INVALID (or, for the data count rule, MALFORMED) naming the first
     *     broken rule and where
     */
    public static void validate(WasmModule module, OptionalLong startFunction, IntUnaryOperator offsets) {
        new ModuleValidator(module, startFunction, offsets).run();
    }

    private void run() {
        if (context.memoryCount() > 1) {
            throw ValidationFailure.invalid("multiple memories", context.memoryCount()
                    + " memories, WebAssembly 2.0 allows one").at("", -1);
        }
        globals();
        elements();
        data();
        start();
        exports();
        functions();
    }

    private void globals() {
        Global[] globals = module.globalSection().globals();
        for (int i = 0; i < globals.length; i++) {
            Global g = globals[i];
            int index = context.importedGlobalCount() + i;
            locate(() -> constants.check(g.initInstructions(), context.global(index)),
                    "in the initializer of global " + index, g.initInstructions());
        }
    }

    private void elements() {
        Element[] elements = module.elementSection().elements();
        for (int i = 0; i < elements.length; i++) {
            Element e = elements[i];
            OperandType type = context.element(i);
            String where = "in element segment " + i;
            for (List<Instruction> init : e.initializers()) {
                locate(() -> constants.check(init, type), where, init);
            }
            if (e instanceof ActiveElement active) {
                locate(() -> {
                    OperandType table = context.table(active.tableIndex());
                    if (table != type) {
                        throw ValidationFailure.typeMismatch("a segment of " + type + " for table "
                                + active.tableIndex() + " of " + table);
                    }
                    constants.check(active.offset(), OperandType.I32);
                }, where, active.offset());
            }
        }
    }

    private void data() {
        DataSegment[] segments = module.dataSection().dataSegments();
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] instanceof ActiveDataSegment active) {
                locate(() -> {
                    context.memory(active.index());
                    constants.check(active.offsetInstructions(), OperandType.I32);
                }, "in data segment " + i, active.offsetInstructions());
            }
        }
    }

    private void start() {
        startFunction.ifPresent(index -> locate(() -> {
            Signature type = context.function(index);
            if (type.params.length != 0 || type.results.length != 0) {
                throw ValidationFailure.invalid("start function", "function " + index + " has type " + type
                        + ", the start function must have type [] -> []");
            }
        }, "in the start section", null));
    }

    private void exports() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            locate(() -> {
                long index = e.index();
                switch (e.exportType()) {
                    case FUNCTION -> context.function(index);
                    case TABLE -> context.table(index);
                    case MEMORY -> context.memory(index);
                    case GLOBAL -> context.global(index);
                    default -> throw ValidationFailure.invalid("unknown export kind", e.exportType().toString());
                }
                if (!names.add(e.name())) {
                    throw ValidationFailure.invalid("duplicate export name", "\"" + e.name() + "\"");
                }
            }, "in export \"" + e.name() + "\"", null);
        }
    }

    private void functions() {
        FunctionValidator validator = new FunctionValidator(context, InstructionTable.standard());
        NameCustomSection names = module.nameSection();
        int imported = context.importedFunctionCount();
        for (int i = 0; i < module.codeSection().functionBodyCount(); i++) {
            int index = imported + i;
            String name = names == null ? null : names.nameOfFunction(index);
            String where = "in function " + index + (name == null ? "" : " \"" + name + "\"");
            validator.validate(index, module.codeSection().getFunctionBody(i), where, offsets);
        }
    }

    /** Runs {@code check}, reporting a failure with {@code where} and the offset of {@code expr}. */
    private <T> T locate(java.util.function.Supplier<T> check, String where, List<Instruction> expr) {
        try {
            return check.get();
        } catch (ValidationFailure e) {
            throw e.at(where, offsetOf(expr));
        }
    }

    private void locate(Runnable check, String where, List<Instruction> expr) {
        locate(() -> {
            check.run();
            return null;
        }, where, expr);
    }

    private long offsetOf(List<Instruction> expr) {
        if (expr == null || expr.isEmpty() || expr.get(0).address() < 0) {
            return -1;
        }
        return offsets.applyAsInt(expr.get(0).address());
    }
}
