package dev.wasmjar.compiler.internal.cli;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * One call of {@code run --invoke FUNC}: the exported function and its arguments, checked and
 * parsed against the function's type ({@link WasmValueText} says how) before the guest runs,
 * so a mistake on the command line is a usage error rather than a half-run program.
 */
final class Invocation {
    private final WasmFunction function;
    private final Object[] args;

    private Invocation(WasmFunction function, Object[] args) {
        this.function = function;
        this.args = args;
    }

    /**
     * The call of export {@code name} of {@code instance} with {@code args} as text.
     *
     * @throws Cli.UsageException if there is no such exported function, its parameters or
     *     results are not all numbers, or {@code args} do not fit its parameters
     */
    static Invocation prepare(Instance instance, String name, List<String> args) {
        Object export = instance.exports().get(name);
        if (export == null) {
            throw new Cli.UsageException("--invoke: the program exports no function named \"" + name + "\"");
        }
        if (!(export instanceof WasmFunction)) {
            throw new Cli.UsageException("--invoke: export \"" + name + "\" is not a function");
        }
        WasmFunction function = (WasmFunction) export;
        FunctionType type = function.type();
        for (ValueType t : concat(type.params(), type.results())) {
            if (!WasmValueText.isNumber(t)) {
                throw new Cli.UsageException("--invoke: " + name + " has type " + type
                        + "; only i32, i64, f32 and f64 parameters and results are supported");
            }
        }
        List<ValueType> params = type.params();
        if (args.size() != params.size()) {
            throw new Cli.UsageException("--invoke: " + name + " takes " + params.size()
                    + (params.size() == 1 ? " argument" : " arguments") + " " + type + ", got " + args.size());
        }
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = WasmValueText.parse(params.get(i), args.get(i));
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageException("--invoke: argument " + (i + 1) + " of " + name + ": " + e.getMessage());
            }
        }
        return new Invocation(function, values);
    }

    /**
     * Calls the function and returns its results as wasmtime prints them, one string each, in
     * order. Traps and exits propagate as thrown by the guest.
     */
    List<String> call() {
        Object r = function.invoke(args);
        List<ValueType> types = function.type().results();
        // invoke returns null for no result, the boxed value for one, an Object[] for several.
        Object[] results = types.isEmpty() ? new Object[0] : types.size() == 1 ? new Object[] {r} : (Object[]) r;
        List<String> out = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            out.add(WasmValueText.format(types.get(i), results[i]));
        }
        return out;
    }

    private static List<ValueType> concat(List<ValueType> a, List<ValueType> b) {
        List<ValueType> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
