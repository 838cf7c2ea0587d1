package dev.wasmjar.compiler.testing;

import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The differential-testing procedure of binaryen's fuzzer, as the regression modules'
 * {@code .v8.out} files record it for V8: instantiate with the {@code fuzzing-support} log
 * imports, call every exported function with zero arguments (0 of each parameter's type) in
 * export order, each time after resetting the module's hang limit (the fuzzer's
 * {@code hangLimitInitializer} export, which refills the budget its loops and calls count
 * down, so that every call starts with the full budget), and write one
 * line per event — {@code instantiated}, {@code call NAME}, {@code log i32 V}, {@code trap},
 * {@code result T:V ...}. Integers are decimal, floats their bits in hex ({@code f32:3f800000}),
 * references {@code funcref:function} or {@code funcref:null}.
 */
public final class ExportSweep {
    private static final String HANG_LIMIT_INITIALIZER = "hangLimitInitializer";

    private final List<String> lines = new ArrayList<>();

    private ExportSweep() {
    }

    /** The procedure's output for {@code module}, one line per entry. */
    public static List<String> run(CompiledModule module) {
        ExportSweep sweep = new ExportSweep();
        Instance instance = module.instantiate(sweep.imports());
        sweep.lines.add("instantiated");
        Object hangLimitReset = instance.exports().get(HANG_LIMIT_INITIALIZER);
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            if (!(e.getValue() instanceof WasmFunction f)) {
                continue;
            }
            sweep.lines.add("call " + e.getKey());
            if (hangLimitReset instanceof WasmFunction reset) {
                reset.invoke();
            }
            Object result;
            try {
                result = f.invoke(zeroArguments(f.type()));
            } catch (Trap t) {
                sweep.lines.add("trap");
                continue;
            }
            List<ValueType> types = f.type().results();
            if (types.isEmpty()) {
                continue;
            }
            Object[] values = types.size() == 1 ? new Object[] {result} : (Object[]) result;
            StringBuilder sb = new StringBuilder("result");
            for (int i = 0; i < values.length; i++) {
                sb.append(' ').append(format(types.get(i), values[i]));
            }
            sweep.lines.add(sb.toString());
        }
        return sweep.lines;
    }

    /** {@code i32:-1}, {@code f64:0000000000000000}, {@code funcref:function}. */
    static String format(ValueType type, Object value) {
        return switch (type) {
            case I32, I64 -> type.wasmName() + ":" + value;
            case F32 -> "f32:" + String.format("%08x", Float.floatToRawIntBits((Float) value));
            case F64 -> "f64:" + String.format("%016x", Double.doubleToRawLongBits((Double) value));
            case FUNCREF -> "funcref:" + (value == null ? "null" : "function");
            default -> type.wasmName() + ":" + (value == null ? "null" : "object");
        };
    }

    private static Object[] zeroArguments(FunctionType type) {
        Object[] args = new Object[type.params().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (type.params().get(i)) {
                case I32 -> 0;
                case I64 -> 0L;
                case F32 -> 0f;
                case F64 -> 0d;
                default -> null;
            };
        }
        return args;
    }

    private Imports imports() {
        Imports.Builder b = Imports.builder();
        for (ValueType t : List.of(ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64)) {
            b.function("fuzzing-support", "log-" + t.wasmName(), logger(t));
        }
        return b.build();
    }

    private WasmFunction logger(ValueType t) {
        try {
            MethodHandle log = MethodHandles.lookup().findVirtual(ExportSweep.class, "log",
                    MethodType.methodType(void.class, ValueType.class, Object.class));
            MethodHandle bound = MethodHandles.insertArguments(log, 0, this, t)
                    .asType(MethodType.methodType(void.class, t.jvmType()));
            return WasmFunction.of(FunctionType.of(List.of(t), List.of()), bound);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void log(ValueType type, Object value) {
        String v = format(type, value);
        // binaryen's log lines print integers bare and floats with their type prefix
        lines.add("log " + type.wasmName() + " " + (type == ValueType.I32 || type == ValueType.I64
                ? v.substring(v.indexOf(':') + 1) : v));
    }
}
