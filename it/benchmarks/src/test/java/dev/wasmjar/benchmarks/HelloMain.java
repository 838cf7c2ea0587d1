package dev.wasmjar.benchmarks;

import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The smallest embedding of a generated class, for the start-up measurement: loads the instance
 * class named by the first argument (from a jar written by {@code CompiledModule.writeJar}),
 * instantiates it with a WASI host on the process's stdio and runs it. Touches nothing of the
 * compiler: only the runtime and the generated classes are on the class path.
 */
public final class HelloMain {
    private HelloMain() {
    }

    public static void main(String[] args) throws Exception {
        Class<? extends Instance> c = Class.forName(args[0]).asSubclass(Instance.class);
        List<String> argv = new ArrayList<>();
        argv.add("hello");
        argv.addAll(Arrays.asList(args).subList(1, args.length));
        int code;
        try (WasiHost host = WasiHost.create(WasiConfig.builder().args(argv).inheritStdio().build())) {
            Instance instance = c.getConstructor(Imports.class).newInstance(host.imports());
            code = host.run(instance);
        }
        System.exit(code);
    }

    /** The JVM floor for comparison: a plain Java program printing one line. */
    public static final class Plain {
        private Plain() {
        }

        public static void main(String[] args) {
            System.out.println("Hello from plain Java");
        }
    }
}
