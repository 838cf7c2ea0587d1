package dev.wasmjar.fuzz.internal;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.V128;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * The imports binaryen's {@code -ttf} modules use, {@code fuzzing-support.log-i32} (also
 * {@code -i64}, {@code -f32}, {@code -f64}), as host functions that write a {@code log} line
 * to a {@link Transcript.Recorder}; and {@code log-v128} (SIMD modules), which fails with a
 * {@link V128ToJsError} as calling the JavaScript import does on V8.
 */
final class FuzzingSupport {
    static final String MODULE = "fuzzing-support";

    private final Transcript.Recorder recorder;

    private FuzzingSupport(Transcript.Recorder recorder) {
        this.recorder = recorder;
    }

    /** Imports logging to {@code recorder}. */
    static Imports imports(Transcript.Recorder recorder) {
        FuzzingSupport sink = new FuzzingSupport(recorder);
        Imports.Builder b = Imports.builder();
        b.function(MODULE, "log-i32", sink.function("logI32", ValueType.I32));
        b.function(MODULE, "log-i64", sink.function("logI64", ValueType.I64));
        b.function(MODULE, "log-f32", sink.function("logF32", ValueType.F32));
        b.function(MODULE, "log-f64", sink.function("logF64", ValueType.F64));
        b.function(MODULE, "log-v128", sink.function("logV128", ValueType.V128));
        return b.build();
    }

    private WasmFunction function(String method, ValueType param) {
        try {
            var handle = MethodHandles.lookup()
                    .findVirtual(FuzzingSupport.class, method, MethodType.methodType(void.class, param.jvmType()))
                    .bindTo(this);
            return WasmFunction.of(FunctionType.of(List.of(param), List.of()), handle);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void logI32(int v) {
        recorder.add("log " + ValueText.of(ValueType.I32, v));
    }

    private void logI64(long v) {
        recorder.add("log " + ValueText.of(ValueType.I64, v));
    }

    private void logF32(float v) {
        recorder.add("log " + ValueText.of(ValueType.F32, v));
    }

    private void logF64(double v) {
        recorder.add("log " + ValueText.of(ValueType.F64, v));
    }

    private void logV128(V128 v) {
        throw new V128ToJsError();
    }
}
