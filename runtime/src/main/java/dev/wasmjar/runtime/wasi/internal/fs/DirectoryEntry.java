package dev.wasmjar.runtime.wasi.internal.fs;

/** {@code directory-entry}: the name of an entry of a directory and its type. */
public record DirectoryEntry(DescriptorType type, String name) {
}
