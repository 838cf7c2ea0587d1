package dev.wasmjar.fuzz.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The WebAssembly features the fuzzer generates and reduces with, as binaryen flags:
 * WebAssembly 2.0 (bulk memory, reference types, multi-value, non-trapping float-to-int,
 * sign extension, mutable globals), SIMD only when asked. Everything else binaryen knows
 * (GC, exceptions, tail calls, memory64, threads, ...) stays off: {@code --mvp-features}
 * first clears binaryen's defaults.
 *
 * <p>Reference types are on for one module in {@value #REFERENCE_TYPES_EVERY} only: binaryen
 * 108's {@code -ttf} with reference types mostly makes modules that are not valid
 * WebAssembly 2.0 (typed function references such as {@code (ref $sig)} in block and local
 * types, {@code funcref} values where {@code externref} is expected: 75 to 95 % of them,
 * depending on size, are rejected by V8), so enabling them everywhere would spend most of the
 * run on modules nothing can be learnt from. Those modules are also generated from smaller
 * inputs ({@link ModuleGenerator}), which are rejected less often.
 */
public final class Features {
    static final int REFERENCE_TYPES_EVERY = 8;

    private Features() {
    }

    /** Whether module {@code index} is generated with reference types. */
    public static boolean referenceTypes(long index) {
        return Math.floorMod(index, REFERENCE_TYPES_EVERY) == REFERENCE_TYPES_EVERY - 1;
    }

    /** The flags {@code wasm-opt -ttf} makes module {@code index} with. */
    public static List<String> forModule(long index, boolean simd) {
        return flags(referenceTypes(index), simd);
    }

    /** Every feature the fuzzer uses: the flags for {@code wasm-reduce} and for printing modules. */
    public static List<String> all(boolean simd) {
        return flags(true, simd);
    }

    private static List<String> flags(boolean referenceTypes, boolean simd) {
        List<String> f = new ArrayList<>(List.of("--mvp-features",
                "--enable-bulk-memory", "--enable-multivalue", "--enable-nontrapping-float-to-int",
                "--enable-sign-ext", "--enable-mutable-globals"));
        if (referenceTypes) {
            f.add("--enable-reference-types");
        }
        if (simd) {
            f.add("--enable-simd");
        }
        return List.copyOf(f);
    }
}
