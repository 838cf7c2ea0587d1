package com.acme;

import dev.wasmjar.runtime.wasi.WasiConfig;

/** Runs the Go program: {@code java -cp hello-1.0.jar:wasmjar-runtime.jar com.acme.Main a1 "b 2"}. */
public class Main {
    public static void main(String[] args) {
        WasiConfig config = WasiConfig.builder()
                .args(prepend("hello", args))   // args[0] is the program name, as in Go's os.Args
                .build();                       // stdio: System.in, System.out, System.err
        System.exit(Hello.run(config));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
