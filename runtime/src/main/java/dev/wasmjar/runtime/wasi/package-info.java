/**
 * The WASI 0.2 host: what a TinyGo {@code -target=wasip2} program (compiled to a core module and
 * then to JVM classes) imports, and how to run it.
 *
 * <p>{@link dev.wasmjar.runtime.wasi.WasiConfig} describes the guest's world (arguments,
 * environment, stdio, preopened directories, clocks, randomness, limits);
 * {@link dev.wasmjar.runtime.wasi.WasiHost} supplies the {@code wasi:*@0.2.x} imports, binds to
 * the instance and runs its {@code wasi:cli/run} export; {@code wasi:cli/exit} surfaces as
 * {@link dev.wasmjar.runtime.wasi.WasiExitException}. Everything else is in the {@code internal}
 * package and not API.
 */
package dev.wasmjar.runtime.wasi;
