package com.acme.app;

import com.acme.lib.Exports;
import dev.wasmjar.runtime.wasi.WasiConfig;

/** Application code that uses the Go library from module lib like any Java class. */
public final class Calculator implements AutoCloseable {
    private final Exports go = new Exports(WasiConfig.builder().stdin(null).stdout(null).stderr(null).build());

    /** The {@code n}th Fibonacci number, computed in Go. */
    public long fibonacci(int n) {
        return go.fib(n);
    }

    /** How often this calculator has been asked, counted by a Go global. */
    public int ticks() {
        return go.counter();
    }

    @Override
    public void close() {
        go.close();
    }
}
