package dev.wasmjar.runtime.wasi.internal.fs;

/** {@code metadata-hash-value}: a 128-bit hash, as two u64 halves. */
public record MetadataHash(long lower, long upper) {
}
