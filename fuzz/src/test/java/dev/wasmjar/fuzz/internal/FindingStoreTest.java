package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingStoreTest {
    private static Verdict mismatch(String wasmjarResult) {
        return Verdict.of(EngineRun.ran(Transcript.parse("call f\n" + wasmjarResult + "\n")),
                EngineRun.ran(Transcript.parse("call f\nresult i32:00000001\n")));
    }

    @Test
    void savesModuleTranscriptsAndVerdict(@TempDir Path dir) throws Exception {
        Path module = Files.write(dir.resolve("m.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        FindingStore store = new FindingStore(dir.resolve("findings"), 2);
        store.save(mismatch("result i32:00000002"), module, "1-7", "module 7 of seed 1");
        List<FindingStore.Finding> first = store.firstOfEachSignature();
        assertEquals(1, first.size());
        Path saved = first.get(0).dir();
        assertEquals(dir.resolve("findings").resolve(FindingStore.slug("mismatch: result")).resolve("1-7"), saved);
        assertEquals(8, Files.size(saved.resolve("module.wasm")));
        assertEquals("call f\nresult i32:00000002\n", Files.readString(saved.resolve("wasmjar.txt")));
        assertEquals("call f\nresult i32:00000001\n", Files.readString(saved.resolve("v8.txt")));
        String verdict = Files.readString(saved.resolve("verdict.txt"));
        assertTrue(verdict.startsWith("mismatch: result\nmodule 7 of seed 1\nfirst difference at line 2"), verdict);
    }

    @Test
    void keepsAFewPerSignatureButCountsAll(@TempDir Path dir) throws Exception {
        Path module = Files.write(dir.resolve("m.wasm"), new byte[8]);
        FindingStore store = new FindingStore(dir.resolve("findings"), 2);
        for (int i = 0; i < 5; i++) {
            store.save(mismatch("result i32:00000002"), module, "1-" + i, "module " + i);
        }
        store.save(mismatch("trap unreachable"), module, "1-9", "module 9");
        assertEquals(Map.of("mismatch: result", 5, "mismatch: trap vs result", 1), store.counts());
        assertEquals(2, store.firstOfEachSignature().size());
        Path group = dir.resolve("findings").resolve(FindingStore.slug("mismatch: result"));
        assertTrue(Files.isDirectory(group.resolve("1-1")));
        assertFalse(Files.exists(group.resolve("1-2")));
    }

    @Test
    void slugsAreReadableAndDistinct() {
        String a = FindingStore.slug("refusal: INVALID: unknown memory N");
        assertTrue(a.startsWith("refusal-invalid-unknown-memory-n-"), a);
        assertNotEquals(a, FindingStore.slug("refusal: INVALID: unknown memory N!"));
    }
}
