package dev.wasmjar.runtime.wasi.internal;

/** An input stream that is at its end: stdin when the host configures none. */
public final class EmptyInputStream extends InputStreamResource {
    @Override
    public int read(byte[] dst, int off, int len) throws StreamException {
        throw StreamException.closed();
    }

    @Override
    public boolean isReadable() {
        return true;
    }

    @Override
    public Pollable subscribe() {
        return new ReadyPollable();
    }
}
