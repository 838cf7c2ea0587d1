package dev.wasmjar.runtime.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.WasmFunction;
import dev.wasmjar.runtime.wasi.WasiConfig;
import java.lang.invoke.MethodHandles;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostFunctionsTest {
    @Test
    void resolvesAnyPatchVersionOfZeroTwo() {
        assertEquals("wasi:io/poll", HostFunctions.interfaceOf("wasi:io/poll@0.2.0"));
        assertEquals("wasi:io/poll", HostFunctions.interfaceOf("wasi:io/poll@0.2.12"));
        assertNull(HostFunctions.interfaceOf("wasi:io/poll@0.3.0"));
        assertNull(HostFunctions.interfaceOf("wasi:io/poll@0.2.0-rc-2023-11-10"));
        assertNull(HostFunctions.interfaceOf("wasi:io/poll"));
        assertNull(HostFunctions.interfaceOf("wasi:io/poll@0.2."));
    }

    private int twice(int x) {
        return 2 * x;
    }

    @Test
    void definesFromPrivateMethodsAndChecksSignatures() {
        HostFunctions f = new HostFunctions();
        f.define("test:x/y", "twice", "(i32)->(i32)", MethodHandles.lookup(), this, "twice");
        WasmFunction fn = (WasmFunction) f.resolve("test:x/y@0.2.1", "twice");
        assertEquals(42, fn.invoke(21));
        assertNull(f.resolve("test:x/y@0.2.1", "thrice"));
        // The method is looked up when first imported: a wrong signature fails then.
        f.define("test:x/y", "bad", "(i64)->(i32)", MethodHandles.lookup(), this, "twice");
        assertThrows(IllegalArgumentException.class, () -> f.resolve("test:x/y@0.2.0", "bad"));
        assertThrows(IllegalArgumentException.class,
                () -> f.define("test:x/y", "twice", "(i32)->(i32)", MethodHandles.lookup(), this, "twice"));
    }

    /** A host object of which several instances declare the same functions. */
    private static final class Counter {
        private final int base;

        Counter(int base) {
            this.base = base;
        }

        private int plus(int x) {
            return base + x;
        }
    }

    /**
     * Functions are bound when first resolved, from method handles looked up once per class:
     * each host's function still calls its own object, and resolving again gives the same one.
     */
    @Test
    void eachHostsFunctionsCallItsOwnObjectAndAreBoundOnce() {
        HostFunctions one = new HostFunctions();
        HostFunctions two = new HostFunctions();
        MethodHandles.Lookup l = MethodHandles.lookup();
        one.define("test:x/y", "plus", "(i32)->(i32)", l, new Counter(100), "plus");
        two.define("test:x/y", "plus", "(i32)->(i32)", l, new Counter(200), "plus");
        WasmFunction first = (WasmFunction) one.resolve("test:x/y@0.2.0", "plus");
        assertEquals(101, first.invoke(1));
        assertEquals(202, ((WasmFunction) two.resolve("test:x/y@0.2.0", "plus")).invoke(2));
        assertSame(first, one.resolve("test:x/y@0.2.3", "plus"));
        assertSame(first, one.lookup("test:x/y", "plus"));
    }

    /** Every function of every interface this host owns, with its core signature (from the WIT). */
    static final List<String[]> ALL = List.of(
            new String[] {"wasi:cli/environment", "get-environment", "(i32)->()"},
            new String[] {"wasi:cli/environment", "get-arguments", "(i32)->()"},
            new String[] {"wasi:cli/environment", "initial-cwd", "(i32)->()"},
            new String[] {"wasi:cli/exit", "exit", "(i32)->()"},
            new String[] {"wasi:cli/stdin", "get-stdin", "()->(i32)"},
            new String[] {"wasi:cli/stdout", "get-stdout", "()->(i32)"},
            new String[] {"wasi:cli/stderr", "get-stderr", "()->(i32)"},
            new String[] {"wasi:cli/terminal-input", "[resource-drop]terminal-input", "(i32)->()"},
            new String[] {"wasi:cli/terminal-output", "[resource-drop]terminal-output", "(i32)->()"},
            new String[] {"wasi:cli/terminal-stdin", "get-terminal-stdin", "(i32)->()"},
            new String[] {"wasi:cli/terminal-stdout", "get-terminal-stdout", "(i32)->()"},
            new String[] {"wasi:cli/terminal-stderr", "get-terminal-stderr", "(i32)->()"},
            new String[] {"wasi:io/error", "[method]error.to-debug-string", "(i32 i32)->()"},
            new String[] {"wasi:io/error", "[resource-drop]error", "(i32)->()"},
            new String[] {"wasi:io/poll", "[method]pollable.ready", "(i32)->(i32)"},
            new String[] {"wasi:io/poll", "[method]pollable.block", "(i32)->()"},
            new String[] {"wasi:io/poll", "poll", "(i32 i32 i32)->()"},
            new String[] {"wasi:io/poll", "[resource-drop]pollable", "(i32)->()"},
            new String[] {"wasi:io/streams", "[method]input-stream.read", "(i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]input-stream.blocking-read", "(i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]input-stream.skip", "(i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]input-stream.blocking-skip", "(i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]input-stream.subscribe", "(i32)->(i32)"},
            new String[] {"wasi:io/streams", "[resource-drop]input-stream", "(i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.check-write", "(i32 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.write", "(i32 i32 i32 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.blocking-write-and-flush", "(i32 i32 i32 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.flush", "(i32 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.blocking-flush", "(i32 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.subscribe", "(i32)->(i32)"},
            new String[] {"wasi:io/streams", "[method]output-stream.write-zeroes", "(i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.blocking-write-zeroes-and-flush", "(i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.splice", "(i32 i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[method]output-stream.blocking-splice", "(i32 i32 i64 i32)->()"},
            new String[] {"wasi:io/streams", "[resource-drop]output-stream", "(i32)->()"},
            new String[] {"wasi:clocks/monotonic-clock", "now", "()->(i64)"},
            new String[] {"wasi:clocks/monotonic-clock", "resolution", "()->(i64)"},
            new String[] {"wasi:clocks/monotonic-clock", "subscribe-instant", "(i64)->(i32)"},
            new String[] {"wasi:clocks/monotonic-clock", "subscribe-duration", "(i64)->(i32)"},
            new String[] {"wasi:clocks/wall-clock", "now", "(i32)->()"},
            new String[] {"wasi:clocks/wall-clock", "resolution", "(i32)->()"},
            new String[] {"wasi:random/random", "get-random-bytes", "(i64 i32)->()"},
            new String[] {"wasi:random/random", "get-random-u64", "()->(i64)"},
            new String[] {"wasi:random/insecure", "get-insecure-random-bytes", "(i64 i32)->()"},
            new String[] {"wasi:random/insecure", "get-insecure-random-u64", "()->(i64)"},
            new String[] {"wasi:random/insecure-seed", "insecure-seed", "(i32)->()"});

    @Test
    void everyFunctionOfEveryOwnedInterfaceIsThereWithItsCoreSignature() {
        HostFunctions f = WasiInterfaces.create(new WasiContext(WasiConfig.builder().build()));
        for (String[] fn : ALL) {
            WasmFunction w = (WasmFunction) f.resolve(fn[0] + "@0.2.0", fn[1]);
            assertNotNull(w, fn[0] + "#" + fn[1]);
            assertEquals(fn[2], w.type().toString(), fn[0] + "#" + fn[1]);
        }
        long owned = f.names().stream().filter(n -> n.startsWith("wasi:") && !n.startsWith("wasi:filesystem/")).count();
        assertEquals(ALL.size(), owned, "no unexpected extras: " + f.names());
        assertTrue(f.names().contains("wasi:io/poll#poll"));
    }

    /** Methods are looked up when first imported: every function the WASI host declares must bind. */
    @Test
    void everyDeclaredFunctionBinds() {
        HostFunctions f = WasiInterfaces.create(new WasiContext(WasiConfig.builder().build()));
        assertTrue(f.names().size() > ALL.size() + PREVIEW1.size(), "the host declares " + f.names().size());
        for (String n : f.names()) {
            int hash = n.indexOf('#');
            WasmFunction w = f.lookup(n.substring(0, hash), n.substring(hash + 1));
            assertNotNull(w, n);
            assertNotNull(w.handle(), n);
        }
    }

    /** Every preview1 function with its core signature (from wasi_snapshot_preview1.witx). */
    static final List<String[]> PREVIEW1 = List.of(
            new String[] {"args_get", "(i32 i32)->(i32)"},
            new String[] {"args_sizes_get", "(i32 i32)->(i32)"},
            new String[] {"environ_get", "(i32 i32)->(i32)"},
            new String[] {"environ_sizes_get", "(i32 i32)->(i32)"},
            new String[] {"clock_res_get", "(i32 i32)->(i32)"},
            new String[] {"clock_time_get", "(i32 i64 i32)->(i32)"},
            new String[] {"fd_advise", "(i32 i64 i64 i32)->(i32)"},
            new String[] {"fd_allocate", "(i32 i64 i64)->(i32)"},
            new String[] {"fd_close", "(i32)->(i32)"},
            new String[] {"fd_datasync", "(i32)->(i32)"},
            new String[] {"fd_fdstat_get", "(i32 i32)->(i32)"},
            new String[] {"fd_fdstat_set_flags", "(i32 i32)->(i32)"},
            new String[] {"fd_fdstat_set_rights", "(i32 i64 i64)->(i32)"},
            new String[] {"fd_filestat_get", "(i32 i32)->(i32)"},
            new String[] {"fd_filestat_set_size", "(i32 i64)->(i32)"},
            new String[] {"fd_filestat_set_times", "(i32 i64 i64 i32)->(i32)"},
            new String[] {"fd_pread", "(i32 i32 i32 i64 i32)->(i32)"},
            new String[] {"fd_prestat_get", "(i32 i32)->(i32)"},
            new String[] {"fd_prestat_dir_name", "(i32 i32 i32)->(i32)"},
            new String[] {"fd_pwrite", "(i32 i32 i32 i64 i32)->(i32)"},
            new String[] {"fd_read", "(i32 i32 i32 i32)->(i32)"},
            new String[] {"fd_readdir", "(i32 i32 i32 i64 i32)->(i32)"},
            new String[] {"fd_renumber", "(i32 i32)->(i32)"},
            new String[] {"fd_seek", "(i32 i64 i32 i32)->(i32)"},
            new String[] {"fd_sync", "(i32)->(i32)"},
            new String[] {"fd_tell", "(i32 i32)->(i32)"},
            new String[] {"fd_write", "(i32 i32 i32 i32)->(i32)"},
            new String[] {"path_create_directory", "(i32 i32 i32)->(i32)"},
            new String[] {"path_filestat_get", "(i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"path_filestat_set_times", "(i32 i32 i32 i32 i64 i64 i32)->(i32)"},
            new String[] {"path_link", "(i32 i32 i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"path_open", "(i32 i32 i32 i32 i32 i64 i64 i32 i32)->(i32)"},
            new String[] {"path_readlink", "(i32 i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"path_remove_directory", "(i32 i32 i32)->(i32)"},
            new String[] {"path_rename", "(i32 i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"path_symlink", "(i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"path_unlink_file", "(i32 i32 i32)->(i32)"},
            new String[] {"poll_oneoff", "(i32 i32 i32 i32)->(i32)"},
            new String[] {"proc_exit", "(i32)->()"},
            new String[] {"proc_raise", "(i32)->(i32)"},
            new String[] {"sched_yield", "()->(i32)"},
            new String[] {"random_get", "(i32 i32)->(i32)"},
            new String[] {"sock_accept", "(i32 i32 i32)->(i32)"},
            new String[] {"sock_recv", "(i32 i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"sock_send", "(i32 i32 i32 i32 i32)->(i32)"},
            new String[] {"sock_shutdown", "(i32 i32)->(i32)"});

    @Test
    void preview1ModuleNamesAreTheirOwnInterfaces() {
        assertEquals("wasi_snapshot_preview1", HostFunctions.interfaceOf("wasi_snapshot_preview1"));
        assertEquals("wasi_unstable", HostFunctions.interfaceOf("wasi_unstable"));
        assertNull(HostFunctions.interfaceOf("wasi_snapshot_preview2"));
    }

    @Test
    void everyPreview1FunctionIsThereInBothModulesWithItsCoreSignature() {
        HostFunctions f = WasiInterfaces.create(new WasiContext(WasiConfig.builder().build()));
        for (String module : List.of("wasi_snapshot_preview1", "wasi_unstable")) {
            int expected = 0;
            for (String[] fn : PREVIEW1) {
                WasmFunction w = (WasmFunction) f.resolve(module, fn[0]);
                if (module.equals("wasi_unstable") && fn[0].equals("sock_accept")) {
                    // snapshot 0 has no sock_accept
                    assertNull(w);
                    continue;
                }
                expected++;
                assertNotNull(w, module + "#" + fn[0]);
                assertEquals(fn[1], w.type().toString(), module + "#" + fn[0]);
            }
            long defined = f.names().stream().filter(n -> n.startsWith(module + "#")).count();
            assertEquals(expected, defined, "no unexpected extras in " + module);
        }
    }
}
