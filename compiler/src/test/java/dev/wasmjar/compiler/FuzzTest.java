package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmjar.compiler.internal.ModuleReader;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of real TinyGo modules (a core module, a preview-1 module and a
 * component): every mutant must either be accepted or rejected with a {@link CompileException}
 * — never another exception, an {@link Error}, a hang or an out-of-memory.
 *
 * <p>Budget (about 60 s on 2 cores): all 3 000 mutants go through
 * {@link ModuleReader#readAll} (component unwrapping, binary pre-check, Chicory parse and
 * validation), on {@value #WORKERS} worker threads watched for hangs ({@value #HANG_SECONDS} s
 * per input); code generation takes 0.1 to 1 s per module, so only the first
 * 30 surviving mutants (by mutant number, so the choice is
 * reproducible) are then compiled by the full {@link WasmCompiler}. Mutations are aimed at the
 * non-custom sections 90% of the time, since the DWARF custom sections (most of a TinyGo
 * module's bytes) are opaque to the compiler. A failing mutant is reported with its number;
 * it is reproduced from {@link #SEED} + number.
 */
class FuzzTest {
    /** Mutants per run; {@code -Dwasmjar.fuzz.mutants=N} for longer exploratory runs. */
    static final int MUTANTS = Integer.getInteger("wasmjar.fuzz.mutants", 3000);
    static final int WORKERS = 2;
    /** Surviving mutants compiled in full; {@code -Dwasmjar.fuzz.fullCompiles=N} to exercise code generation more. */
    static final int MAX_FULL_COMPILES = Integer.getInteger("wasmjar.fuzz.fullCompiles", 30);
    static final int HANG_SECONDS = 20;
    /** Base seed; {@code -Dwasmjar.fuzz.seed=S} explores other mutants. */
    static final long SEED = Long.getLong("wasmjar.fuzz.seed", 0x5EED_2024L);

    private static final List<String> BASES = List.of(
            "hello.wasip2-core.wasm", "bench-sha256.wasip2-core.wasm", "bench-fannkuch.wasip1.wasm", "hello.wasip2.wasm");

    /** A section's framing: where its header, size field and content are. */
    record Section(int id, int headerPos, int sizePos, int sizeLen, int contentStart, int contentEnd) {
    }

    /** A base input and the regions worth mutating. */
    record Base(String name, byte[] bytes, List<Section> sections, List<int[]> hotRanges) {
    }

    /** The result of running one mutant. */
    enum Outcome { REJECTED, ACCEPTED }

    @Test
    void mutantsCompileOrFailWithCompileException() throws Exception {
        Path build = CompileUnderTest.corpusBuild();
        assumeTrue(build != null, "TinyGo corpus not found under " + CompileUnderTest.shared() + ": fuzz test skipped");
        List<Base> bases = new ArrayList<>();
        for (String name : BASES) {
            bases.add(base(name, Files.readAllBytes(build.resolve(name))));
        }

        long t0 = System.nanoTime();
        Outcome[] outcomes = new Outcome[MUTANTS];
        Map<String, AtomicInteger> rejectedByKind = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> rawMapped = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        AtomicLong slowestNanos = new AtomicLong();
        long[] startedAt = new long[WORKERS];
        int[] current = new int[WORKERS];
        Arrays.fill(current, -1);
        Thread[] workers = new Thread[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            int id = w;
            workers[w] = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < MUTANTS && failures.isEmpty()) {
                    byte[] mutant = mutant(bases, i);
                    synchronized (startedAt) {
                        current[id] = i;
                        startedAt[id] = System.nanoTime();
                    }
                    long s = System.nanoTime();
                    try {
                        ModuleReader.readAll(mutant);
                        outcomes[i] = Outcome.ACCEPTED;
                    } catch (CompileException e) {
                        outcomes[i] = Outcome.REJECTED;
                        rejectedByKind.computeIfAbsent(e.kind().name(), k -> new AtomicInteger()).incrementAndGet();
                        if (e.getCause() != null && !(e.getCause() instanceof com.dylibso.chicory.wasm.ChicoryException)) {
                            // a raw exception from the parser that ModuleReader had to map
                            rawMapped.add(e.getCause().getClass().getSimpleName());
                        }
                    } catch (Throwable t) {
                        failures.add("mutant " + i + " (" + describe(bases, i) + "): " + t + " at " + firstFrames(t));
                    }
                    slowestNanos.accumulateAndGet(System.nanoTime() - s, Math::max);
                    synchronized (startedAt) {
                        current[id] = -1;
                    }
                }
            }, "fuzz-" + w);
            workers[w].setDaemon(true); // a hung worker must not keep the test JVM alive
            workers[w].start();
        }
        // watchdog: the main thread reports any input a worker has been busy with for too long
        String hang = null;
        while (hang == null && Arrays.stream(workers).anyMatch(Thread::isAlive)) {
            Thread.sleep(50);
            synchronized (startedAt) {
                for (int w = 0; w < WORKERS; w++) {
                    if (current[w] >= 0 && System.nanoTime() - startedAt[w] > HANG_SECONDS * 1_000_000_000L) {
                        hang = "mutant " + current[w] + " (" + describe(bases, current[w]) + ") still running after "
                                + HANG_SECONDS + " s";
                    }
                }
            }
        }
        if (hang != null) {
            fail("hang: " + hang);
        }
        long readNanos = System.nanoTime() - t0;

        // full compiles of the first surviving mutants
        int compiled = 0;
        int compileRejected = 0;
        List<String> compilerBugs = new ArrayList<>();
        long t1 = System.nanoTime();
        for (int i = 0; i < MUTANTS && compiled + compileRejected < MAX_FULL_COMPILES && failures.isEmpty(); i++) {
            if (outcomes[i] != Outcome.ACCEPTED) {
                continue;
            }
            try {
                CompileUnderTest.compile(mutant(bases, i), "fuzz.Mutant" + i);
                compiled++;
            } catch (CompileException e) {
                compileRejected++;
                if (e.getMessage().startsWith("cannot compile:")) {
                    compilerBugs.add("mutant " + i + ": " + e.getMessage());
                }
            } catch (Throwable t) {
                failures.add("mutant " + i + " (" + describe(bases, i) + ") full compile: " + t + " at " + firstFrames(t));
            }
        }
        long compileNanos = System.nanoTime() - t1;

        int accepted = (int) Arrays.stream(outcomes).filter(o -> o == Outcome.ACCEPTED).count();
        int rejected = (int) Arrays.stream(outcomes).filter(o -> o == Outcome.REJECTED).count();
        System.out.printf("fuzz: %d mutants of %d modules: %d rejected %s, %d read OK, %d of those fully compiled"
                        + " (%d compiled, %d CompileException) | read %.1f s on %d threads (slowest input %.2f s),"
                        + " full compiles %.1f s, total %.1f s%n",
                MUTANTS, bases.size(), rejected, new TreeMap<>(rejectedByKind), accepted, compiled + compileRejected,
                compiled, compileRejected, readNanos / 1e9, WORKERS, slowestNanos.get() / 1e9, compileNanos / 1e9,
                (System.nanoTime() - t0) / 1e9);
        if (!rawMapped.isEmpty()) {
            System.out.println("fuzz: raw parser exceptions mapped to CompileException: " + rawMapped.size() + " "
                    + new TreeMap<>(rawMapped.stream().collect(java.util.stream.Collectors.groupingBy(x -> x,
                            java.util.stream.Collectors.counting()))));
        }
        if (!compilerBugs.isEmpty()) {
            System.out.println("fuzz: compiler internal errors (reported as CompileException): " + compilerBugs.size()
                    + ":\n  " + String.join("\n  ", compilerBugs.subList(0, Math.min(5, compilerBugs.size()))));
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " mutants escaped as non-CompileException:\n" + String.join("\n",
                    failures.subList(0, Math.min(10, failures.size()))));
        }
        assertEquals(MUTANTS, accepted + rejected, "every mutant ran");
        // sanity: the mutations reach both outcomes (a fuzzer whose mutants are all rejected by
        // the magic check, or all accepted, tests nothing)
        assertTrue(rejected > MUTANTS / 4, "rejected " + rejected);
        assertTrue(accepted > MUTANTS / 20, "accepted " + accepted);
    }

    // ------------------------------------------------------------------ mutants

    static Base base(String name, byte[] bytes) {
        List<Section> sections = new ArrayList<>();
        List<int[]> hot = new ArrayList<>();
        if (bytes[4] == 0x0d) {
            // component: its own sections, and those of the main core module inside
            List<Section> top = sections(bytes, 8, bytes.length);
            sections.addAll(top);
            Section main = top.stream().filter(s -> s.id() == 1).max((a, b) -> a.contentEnd() - a.contentStart()
                    - (b.contentEnd() - b.contentStart())).orElseThrow();
            for (Section s : top) {
                if (s != main && s.id() != 0) {
                    hot.add(new int[] {s.headerPos(), s.contentEnd()});
                }
            }
            List<Section> inner = sections(bytes, main.contentStart() + 8, main.contentEnd());
            sections.addAll(inner);
            inner.stream().filter(s -> s.id() != 0).forEach(s -> hot.add(new int[] {s.headerPos(), s.contentEnd()}));
        } else {
            sections.addAll(sections(bytes, 8, bytes.length));
            sections.stream().filter(s -> s.id() != 0).forEach(s -> hot.add(new int[] {s.headerPos(), s.contentEnd()}));
        }
        return new Base(name, bytes, sections, hot);
    }

    static List<Section> sections(byte[] b, int from, int to) {
        List<Section> out = new ArrayList<>();
        int p = from;
        while (p < to) {
            int header = p;
            int id = b[p++] & 0xFF;
            int sizePos = p;
            long size = 0;
            int shift = 0;
            int x;
            do {
                x = b[p++] & 0xFF;
                size |= (long) (x & 0x7F) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            out.add(new Section(id, header, sizePos, p - sizePos, p, p + (int) size));
            p += (int) size;
        }
        return out;
    }

    private static String describe(List<Base> bases, int i) {
        return bases.get(i % bases.size()).name() + ", seed " + (SEED + i);
    }

    /** Mutant {@code i}: 1 to 3 seeded mutations of base {@code i % bases}. */
    static byte[] mutant(List<Base> bases, int i) {
        Base base = bases.get(i % bases.size());
        Random r = new Random(SEED + i);
        byte[] m = base.bytes().clone();
        int rounds = 1 + (r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0);
        for (int k = 0; k < rounds; k++) {
            m = mutateOnce(base, m, r);
        }
        return m;
    }

    private static byte[] mutateOnce(Base base, byte[] m, Random r) {
        if (m.length < 16) {
            return m;
        }
        int pos = position(base, m, r);
        switch (r.nextInt(8)) {
            case 0 -> { // overwrite a few bytes with random values
                for (int n = 1 + r.nextInt(4), j = 0; j < n && pos + j < m.length; j++) {
                    m[pos + j] = (byte) r.nextInt(256);
                }
                return m;
            }
            case 1 -> { // flip one bit
                m[pos] ^= (byte) (1 << r.nextInt(8));
                return m;
            }
            case 2 -> { // insert a random range
                byte[] ins = new byte[1 + r.nextInt(32)];
                r.nextBytes(ins);
                return splice(m, pos, 0, ins);
            }
            case 3 -> { // delete a range
                return splice(m, pos, Math.min(m.length - pos, 1 + r.nextInt(64)), new byte[0]);
            }
            case 4 -> { // rewrite the LEB128 at pos with an edge value or a bad encoding
                int len = lebLength(m, pos);
                return splice(m, pos, len, lebEdit(m, pos, len, r));
            }
            case 5 -> { // edit a section's size field
                List<Section> secs = base.sections();
                Section s = secs.get(r.nextInt(secs.size()));
                if (s.sizePos() + s.sizeLen() > m.length) {
                    return m;
                }
                long size = s.contentEnd() - s.contentStart();
                long[] choices = {size + 1, size - 1, size + 1 + r.nextInt(16), Math.max(0, size - 1 - r.nextInt(16)), 0,
                    0xFFFF_FFFFL, 0x7FFF_FFFFL, size * 2};
                return splice(m, s.sizePos(), s.sizeLen(), uleb(Math.max(0, choices[r.nextInt(choices.length)]) & 0xFFFF_FFFFL));
            }
            case 6 -> { // truncate
                return Arrays.copyOf(m, pos);
            }
            default -> { // copy a range from elsewhere over pos
                int from = position(base, m, r);
                int len = Math.min(1 + r.nextInt(64), Math.min(m.length - from, m.length - pos));
                System.arraycopy(m.clone(), from, m, pos, len);
                return m;
            }
        }
    }

    /** A position in a non-custom section 90% of the time, anywhere after the header otherwise. */
    private static int position(Base base, byte[] m, Random r) {
        if (r.nextInt(10) != 0 && !base.hotRanges().isEmpty()) {
            int[] range = base.hotRanges().get(r.nextInt(base.hotRanges().size()));
            int p = range[0] + r.nextInt(Math.max(1, range[1] - range[0]));
            if (p < m.length) {
                return p;
            }
        }
        return 8 + r.nextInt(m.length - 8);
    }

    private static int lebLength(byte[] m, int pos) {
        int len = 1;
        while (len < 10 && pos + len - 1 < m.length && (m[pos + len - 1] & 0x80) != 0) {
            len++;
        }
        return Math.min(len, m.length - pos);
    }

    private static byte[] lebEdit(byte[] m, int pos, int len, Random r) {
        long value = 0;
        for (int j = 0; j < len; j++) {
            value |= (long) (m[pos + j] & 0x7F) << (7 * j);
        }
        return switch (r.nextInt(7)) {
            case 0 -> uleb(0xFFFF_FFFFL);
            case 1 -> uleb(0x7FFF_FFFFL);
            case 2 -> uleb((value + 1) & 0xFFFF_FFFFL);
            case 3 -> uleb(Math.max(0, value - 1));
            case 4 -> new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0}; // too long
            case 5 -> new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}; // too large
            default -> uleb(r.nextInt(1 << 20));
        };
    }

    private static byte[] uleb(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    private static byte[] splice(byte[] m, int pos, int remove, byte[] insert) {
        byte[] out = new byte[m.length - remove + insert.length];
        System.arraycopy(m, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(m, pos + remove, out, pos + insert.length, m.length - pos - remove);
        return out;
    }

    private static String firstFrames(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return Arrays.toString(Arrays.copyOf(st, Math.min(4, st.length)));
    }
}
