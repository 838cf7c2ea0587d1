package dev.wasmjar.fuzz.internal;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.LinkException;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs the fuzzing procedure (see {@link Transcript}; the same as {@code harness.js}) on
 * wasmjar, in-process: compiles with {@link WasmCompiler}, instantiates with
 * {@link FuzzingSupport}'s imports, calls every exported function with zero-valued arguments.
 *
 * <p>Runs on the caller's thread. Interrupting it stops the guest at its next loop header
 * (an {@code INTERRUPTED} trap), which becomes a {@link EngineRun.Status#TIMEOUT}. Thread-safe:
 * every run compiles and instantiates its own classes.
 */
public final class WasmjarExecutor {
    /** binaryen's export that resets the module's hang limit (its own fuel counter). */
    static final String HANG_LIMIT_RESET = "hangLimitInitializer";
    private static final FunctionType NO_PARAMS_NO_RESULTS = FunctionType.of(List.of(), List.of());

    private final WasmCompiler compiler = WasmCompiler.builder().parallelism(1).build();
    private final boolean injectFault;

    /**
     * @param injectFault report every i32 result one too high: a deliberate wasmjar-side bug,
     *     to show that the comparison catches one
     */
    public WasmjarExecutor(boolean injectFault) {
        this.injectFault = injectFault;
    }

    public EngineRun run(byte[] wasm) {
        CompiledModule compiled;
        try {
            compiled = compiler.compile(wasm);
        } catch (CompileException e) {
            return EngineRun.rejected(e.kind() + ": " + oneLine(e.getMessage()));
        }
        Transcript.Recorder out = new Transcript.Recorder();
        Instance instance;
        try {
            instance = compiled.instantiate(FuzzingSupport.imports(out));
        } catch (LinkException e) {
            return EngineRun.rejected("link: " + oneLine(e.getMessage()));
        } catch (Trap t) {
            if (t.kind() == TrapKind.INTERRUPTED) {
                return EngineRun.timeout(out.transcript());
            }
            out.add("instantiate trap " + TrapClasses.of(t.kind()));
            return EngineRun.ran(out.transcript());
        } catch (RuntimeException | Error e) {
            out.add("instantiate error " + Transcript.escapeName(e.toString()));
            return EngineRun.ran(out.transcript());
        }
        out.add("instantiate ok");
        Object reset = instance.exports().get(HANG_LIMIT_RESET);
        WasmFunction hangReset = reset instanceof WasmFunction && ((WasmFunction) reset).type() == NO_PARAMS_NO_RESULTS
                ? (WasmFunction) reset : null;
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            if (e.getValue() instanceof WasmFunction && !call(e.getKey(), (WasmFunction) e.getValue(), hangReset, out)) {
                return EngineRun.timeout(out.transcript());
            }
        }
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            if (e.getValue() instanceof Memory) {
                Memory m = (Memory) e.getValue();
                out.add("memory " + Transcript.escapeName(e.getKey()) + " " + m.pages() + " " + sha256(m.buffer(), m.pages() * Memory.PAGE_SIZE));
            }
        }
        return EngineRun.ran(out.transcript());
    }

    /** Calls one export; false if it was interrupted. */
    private boolean call(String name, WasmFunction f, WasmFunction hangReset, Transcript.Recorder out) {
        out.add("call " + Transcript.escapeName(name));
        FunctionType type = f.type();
        if (type.params().contains(ValueType.V128) || type.results().contains(ValueType.V128)) {
            out.add("skip v128");
            return true;
        }
        Object[] args = new Object[type.params().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = ValueText.zero(type.params().get(i));
        }
        try {
            if (hangReset != null) {
                hangReset.invoke();
            }
            out.add(resultLine(type.results(), f.invoke(args)));
        } catch (Trap t) {
            if (t.kind() == TrapKind.INTERRUPTED) {
                return false;
            }
            out.add("trap " + TrapClasses.of(t.kind()));
        } catch (RuntimeException | Error e) {
            if (causedByLogV128(e)) {
                out.add("trap v128-to-js");
            } else {
                // a raw JVM exception escaping generated code is a wasmjar bug: it must show as a mismatch
                out.add("error " + Transcript.escapeName(e.toString()));
            }
        }
        return true;
    }

    private static boolean causedByLogV128(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof V128ToJsError) {
                return true;
            }
        }
        return false;
    }

    private String resultLine(List<ValueType> types, Object result) {
        StringBuilder sb = new StringBuilder("result");
        Object[] values = types.size() == 1 ? new Object[] {result} : types.isEmpty() ? new Object[0] : (Object[]) result;
        for (int i = 0; i < types.size(); i++) {
            Object v = values[i];
            if (injectFault && types.get(i) == ValueType.I32) {
                v = (Integer) v + 1;
            }
            sb.append(' ').append(ValueText.of(types.get(i), v));
        }
        return sb.toString();
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String oneLine(String s) {
        return String.valueOf(s).replaceAll("[\r\n]+", " ");
    }
}
