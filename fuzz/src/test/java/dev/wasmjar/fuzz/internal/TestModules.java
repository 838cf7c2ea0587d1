package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Test support: the hand-made modules in the test resources, and the tools tests need. */
final class TestModules {
    /** The index of the NaN result line in {@link #valuesTranscript()}: its bits may differ. */
    static final int VALUES_NAN_LINE = 10;

    private TestModules() {
    }

    /**
     * What {@code values.wasm} must produce on either engine, worked out by hand from
     * {@code values.wat}; the NaN line holds wasmjar's bits (V8 may quiet the NaN).
     */
    static List<String> valuesTranscript() throws Exception {
        byte[] memory = new byte[65536];
        System.arraycopy("wasm".getBytes(StandardCharsets.US_ASCII), 0, memory, 0, 4);
        memory[8] = 4;
        memory[9] = 3;
        memory[10] = 2;
        memory[11] = 1;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(memory));
        return List.of("instantiate ok",
                "call i32", "result i32:fffffffe",
                "call i64", "result i64:fffffffffffffffd",
                "call f32", "result f32:80000000",
                "call f64", "result f64:3ff8000000000000",
                "call nan", "result f32:7fa00000",
                "call multi", "result i32:00000007 f64:bff0000000000000",
                "call refs", "result funcref:null funcref:func",
                "call params", "log i32:00000000", "log i64:0000000000000000", "log f32:00000000", "log f64:0000000000000000",
                "result f64:4004000000000000",
                "call logs", "log i32:00000001", "log i64:0000000000000002", "log f32:40400000", "log f64:4010000000000000", "result",
                "call store", "result",
                "call hangLimitInitializer", "result",
                // the hang limit (3) is reset before every call, so both countdowns see 2
                "call countdown", "result i32:00000002",
                "call countdown-again", "result i32:00000002",
                "memory mem 1 " + sha);
    }

    /** What {@code traps.wasm} must produce, with {@code trunc}'s class as the engine names it. */
    static List<String> trapsTranscript(String truncClass) {
        List<String> t = new ArrayList<>(List.of("instantiate ok"));
        String[][] calls = {{"unreachable", "unreachable"}, {"load", "memory"}, {"fill", "memory"}, {"init", "memory"},
            {"div", "div-zero"}, {"rem", "div-zero"}, {"overflow", "overflow"}, {"trunc", truncClass},
            {"trunc-nan", "conversion"}, {"indirect-oob", "table"}, {"indirect-null", "indirect"},
            {"indirect-type", "indirect"}, {"table-get", "table"}, {"recurse", "stack"}};
        for (String[] c : calls) {
            t.add("call " + c[0]);
            t.add("trap " + c[1]);
        }
        return t;
    }

    /** The test resource {@code name} (e.g. {@code values.wasm}) as a file. */
    static Path path(String name) {
        try {
            return Path.of(TestModules.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code node}, or the test is skipped with a message. */
    static Path node() {
        Optional<Path> node = Tools.onPath("node");
        assumeTrue(node.isPresent(), "node is not on the PATH: test skipped");
        return node.get();
    }

    /** The whole toolchain, or the test is skipped with a message. */
    static Toolchain toolchain() {
        Optional<Toolchain> t = Toolchain.find();
        assumeTrue(t.isPresent(), "needs " + Toolchain.requirement() + ": test skipped");
        return t.get();
    }
}
