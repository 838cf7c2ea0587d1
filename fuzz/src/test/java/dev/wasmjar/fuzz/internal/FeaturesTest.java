package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    @Test
    void webAssembly2WithNothingElse() {
        List<String> all = Features.all(false);
        assertEquals("--mvp-features", all.get(0), "binaryen's default features cleared first");
        assertEquals(List.of("--mvp-features", "--enable-bulk-memory", "--enable-multivalue", "--enable-nontrapping-float-to-int",
                "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types"), all);
        assertTrue(Features.all(true).contains("--enable-simd"));
        assertFalse(all.contains("--enable-simd"));
    }

    @Test
    void referenceTypesInOneModuleOfEight() {
        int with = 0;
        for (long i = 0; i < 800; i++) {
            boolean refs = Features.referenceTypes(i);
            with += refs ? 1 : 0;
            assertEquals(refs, Features.forModule(i, false).contains("--enable-reference-types"));
        }
        assertEquals(100, with);
        assertTrue(Features.referenceTypes(7));
        assertFalse(Features.referenceTypes(0));
    }
}
