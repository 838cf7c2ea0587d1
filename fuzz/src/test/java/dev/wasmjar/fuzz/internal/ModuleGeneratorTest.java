package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleGeneratorTest {
    @Test
    void inputsAreReproducibleAndDifferPerSeedAndIndex() {
        assertArrayEquals(ModuleGenerator.input(1, 5), ModuleGenerator.input(1, 5));
        assertFalse(Arrays.equals(ModuleGenerator.input(1, 5), ModuleGenerator.input(1, 6)));
        assertFalse(Arrays.equals(ModuleGenerator.input(1, 5), ModuleGenerator.input(2, 5)));
    }

    @Test
    void inputSizesStayInTheirRanges() {
        for (long i = 0; i < 200; i++) {
            int n = ModuleGenerator.input(3, i).length;
            if (Features.referenceTypes(i)) {
                assertTrue(n >= ModuleGenerator.MIN_INPUT_REFERENCE_TYPES && n <= ModuleGenerator.MAX_INPUT_REFERENCE_TYPES, "" + n);
            } else {
                assertTrue(n >= ModuleGenerator.MIN_INPUT && n <= ModuleGenerator.MAX_INPUT, "" + n);
            }
        }
    }

    @Test
    void binaryenMakesTheSameModuleTwice(@TempDir Path dir) throws Exception {
        Path wasmOpt = TestModules.toolchain().wasmOpt();
        ModuleGenerator g = new ModuleGenerator(wasmOpt, false, dir);
        Path first = g.generate(1, 3);
        assertNotNull(first);
        byte[] a = Files.readAllBytes(first);
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, Arrays.copyOf(a, 4));
        assertArrayEquals(a, Files.readAllBytes(g.generate(1, 3)));
        assertFalse(Arrays.equals(a, Files.readAllBytes(g.generate(1, 4))));
    }
}
