package dev.wasmjar.runtime.wasi.internal.fs;

/**
 * {@code descriptor-stat}, plus the device and inode numbers preview1's {@code filestat} reports
 * (0 where the host cannot tell them). Timestamps are {@code null} where the host cannot tell them.
 */
public record DescriptorStat(DescriptorType type, long linkCount, long size, Datetime dataAccess,
        Datetime dataModification, Datetime statusChange, long device, long inode) {
    /** This stat with another size (an open file's own, which the path may no longer name). */
    DescriptorStat withSize(long newSize) {
        return new DescriptorStat(type, linkCount, newSize, dataAccess, dataModification, statusChange, device, inode);
    }
}
