package dev.wasmjar.compiler.internal.build;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.WasmFunction;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks at build time that the WASI host can satisfy every import of a module, so a module
 * that would fail to link when the facade instantiates it fails the build instead.
 *
 * <p>The check asks a real {@link WasiHost} (with no stdio attached) for each import, so it
 * agrees with what the facade will link at run time, including the function types.
 */
public final class ImportCheck {
    private ImportCheck() {
    }

    /**
     * One line per import the WASI host does not provide, e.g.
     * {@code env.foo: function (i32)->() is not provided by the WASI 0.2 host}; empty if all are.
     */
    public static List<String> unsatisfied(WasmModule module) {
        List<String> problems = new ArrayList<>();
        WasiConfig quiet = WasiConfig.builder().stdin(null).stdout(null).stderr(null).build();
        try (WasiHost host = WasiHost.create(quiet)) {
            for (int i = 0; i < module.importSection().importCount(); i++) {
                Import imp = module.importSection().getImport(i);
                String where = imp.module() + "." + imp.name();
                if (imp instanceof FunctionImport fi) {
                    FunctionType wanted = WasmTypes.runtimeType(module.typeSection().getType(fi.typeIndex()));
                    Object supplied = host.resolver().resolve(imp.module(), imp.name());
                    if (!(supplied instanceof WasmFunction)) {
                        problems.add(where + ": function " + wanted + " is not provided by the WASI 0.2 host");
                    } else if (((WasmFunction) supplied).type() != wanted) {
                        problems.add(where + ": the module imports it as " + wanted + ", the WASI 0.2 host provides "
                                + ((WasmFunction) supplied).type());
                    }
                } else {
                    problems.add(where + ": " + imp.importType().name().toLowerCase(Locale.ROOT)
                            + " imports are not provided by the WASI 0.2 host");
                }
            }
        }
        return problems;
    }
}
