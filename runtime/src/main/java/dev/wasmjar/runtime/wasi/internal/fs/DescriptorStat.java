package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * {@code descriptor-stat}. Timestamps are {@code null} where the host cannot tell them.
 */
public record DescriptorStat(DescriptorType type, long linkCount, long size, Datetime dataAccess,
        Datetime dataModification, Datetime statusChange) {
}
