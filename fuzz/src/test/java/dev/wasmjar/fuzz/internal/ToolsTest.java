package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class ToolsTest {
    @Test
    void findsExecutablesOnThePath() {
        assertTrue(Tools.onPath("sh").map(Files::isExecutable).orElse(false));
        assertTrue(Tools.onPath("no-such-tool-wasmjar-fuzz").isEmpty());
    }
}
