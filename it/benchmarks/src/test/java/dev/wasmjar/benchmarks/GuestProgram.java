package dev.wasmjar.benchmarks;

import java.util.List;

/**
 * A program prepared (parsed, compiled) by one engine, ready to be run any number of times. Each
 * {@link #run} is a fresh instance of the module with a fresh WASI host: the benchmarks time
 * instantiation plus the program, which is what running a program costs.
 */
public interface GuestProgram {
    /** Runs the program once with {@code args} (after the program name) and returns what it printed. */
    Outcome run(List<String> args);
}
