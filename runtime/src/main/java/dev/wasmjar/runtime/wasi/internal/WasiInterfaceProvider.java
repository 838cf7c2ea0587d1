package dev.wasmjar.runtime.wasi.internal;

/**
 * Contributes the functions of one or more WASI interfaces to a host. The built-in providers are
 * listed in {@link WasiInterfaces}; others (the filesystem) are found with
 * {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.wasmjar.runtime.wasi.internal.WasiInterfaceProvider}.
 * A provider is stateless: per-host state lives in objects it creates in {@link #register}.
 */
public interface WasiInterfaceProvider {
    /** Declares this provider's functions in {@code functions}, bound to {@code context}. */
    void register(HostFunctions functions, WasiContext context);
}
