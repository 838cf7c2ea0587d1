package dev.wasmjar.runtime.wasi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Assembles the host functions of one host: the built-in interfaces (cli, io, clocks, random)
 * and every {@link WasiInterfaceProvider} found on the class path (the filesystem).
 */
public final class WasiInterfaces {
    private WasiInterfaces() {
    }

    /** The providers on the class path, found once: they are stateless, and scanning per host is slow. */
    private static final class Providers {
        static final List<WasiInterfaceProvider> ALL = load();

        private static List<WasiInterfaceProvider> load() {
            List<WasiInterfaceProvider> all = new ArrayList<>();
            ServiceLoader.load(WasiInterfaceProvider.class, WasiInterfaces.class.getClassLoader()).forEach(all::add);
            return List.copyOf(all);
        }
    }

    /** All functions of every known interface, bound to {@code ctx}. */
    public static HostFunctions create(WasiContext ctx) {
        HostFunctions f = new HostFunctions();
        Cli.register(f, ctx);
        Terminals.register(f, ctx);
        IoError.register(f, ctx);
        IoPoll.register(f, ctx);
        IoStreams.register(f, ctx);
        Clocks.register(f, ctx);
        Randoms.register(f, ctx);
        dev.wasmjar.runtime.wasi.internal.preview1.Preview1.register(f, ctx);
        for (WasiInterfaceProvider p : Providers.ALL) {
            p.register(f, ctx);
        }
        return f;
    }
}
