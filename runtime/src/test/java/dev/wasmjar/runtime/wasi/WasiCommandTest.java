package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WasiCommandTest {
    @Test
    void theProgramSeesItsNameAndArgumentsAndItsExitCodeIsReturned() {
        List<String>[] seen = new List[1];
        String[] thread = new String[1];
        int code = WasiCommand.run("hello.wasm", new String[] {"a", "b"}, config -> {
            seen[0] = config.args();
            thread[0] = Thread.currentThread().getName();
            return 7;
        });
        assertEquals(7, code);
        assertEquals(List.of("hello.wasm", "a", "b"), seen[0]);
        assertEquals("wasm-main", thread[0]);
    }

    @Test
    void aTrapIsExitCode134WithItsMessageOnStderr() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = WasiCommand.run("crash.wasm", new String[0], config -> {
                throw new Trap(TrapKind.UNREACHABLE, "unreachable executed");
            });
        } finally {
            System.setErr(saved);
        }
        assertEquals(WasiCommand.EXIT_TRAP, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("wasm trap: unreachable executed"), text);
    }

    @Test
    void theGuestThreadHasADeepStack() {
        // 64 MiB holds a recursion that overflows the JVM's default 1 MiB (or 8 MiB) stack.
        int depth = WasiCommand.run("deep.wasm", new String[0], config -> recurse(200_000));
        assertEquals(200_000, depth);
    }

    private static int recurse(int n) {
        return n == 0 ? 0 : 1 + recurse(n - 1);
    }
}
