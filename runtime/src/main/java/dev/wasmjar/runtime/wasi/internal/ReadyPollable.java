package dev.wasmjar.runtime.wasi.internal;

/** A pollable that is always ready: what streams that never wait (files, Java output streams) subscribe to. */
public final class ReadyPollable extends Pollable {
    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    protected boolean staysReady() {
        return true;
    }
}
