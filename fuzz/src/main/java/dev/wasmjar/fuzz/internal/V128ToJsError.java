package dev.wasmjar.fuzz.internal;

/**
 * What calling {@code fuzzing-support.log-v128} raises on wasmjar's side: on V8 the import is a
 * JavaScript function, and calling one with a {@code v128} argument throws a {@code TypeError}
 * that unwinds the wasm code. Both sides write it as {@code trap v128-to-js}.
 */
final class V128ToJsError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    V128ToJsError() {
        super("type incompatibility when transforming from/to JS", null, false, false);
    }
}
