package dev.wasmjar.runtime.wasi.internal.fs;

import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.WasiContext;
import dev.wasmjar.runtime.wasi.internal.WasiInterfaceProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Contributes {@code wasi:filesystem/types} and {@code wasi:filesystem/preopens} to every WASI
 * host (found through {@link java.util.ServiceLoader}). The preopens are opened once per host,
 * so a missing host directory is reported when the host is created, not when the guest looks.
 */
public final class FilesystemProvider implements WasiInterfaceProvider {
    /** For {@link java.util.ServiceLoader}. */
    public FilesystemProvider() {
    }

    @Override
    public void register(HostFunctions functions, WasiContext context) {
        List<Preopen> preopens = new ArrayList<>();
        for (WasiConfig.Preopen p : context.config().preopens()) {
            preopens.add(new Preopen(p.hostPath(), p.guestPath(), p.readOnly()));
        }
        FilesystemTypes.register(functions, context);
        FilesystemPreopens.register(functions, context, List.copyOf(preopens));
    }
}
