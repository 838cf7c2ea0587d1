package dev.wasmjar.benchmarks;

import java.nio.file.Path;

/**
 * The execution engines the suite compares, in two groups that run different builds of a program:
 * the WASI 0.2 engines run the core module of its {@code wasip2} build (so only TinyGo corpus
 * programs, which have one), the preview1 engines ({@code -p1}) its {@code NAME.wasip1.wasm}, the
 * very module node runs.
 */
public enum Engine {
    /** wasmjar: the module compiled ahead of time to JVM classes, run with the wasmjar WASI 0.2 host. */
    WASMJAR("wasmjar", "wasmjar (AOT to JVM bytecode)"),
    /** Chicory's interpreter on the same core module and the same WASI 0.2 host. */
    CHICORY_INTERPRETER("chicory-interp", "Chicory 1.7.5 interpreter"),
    /** Chicory's bytecode compiler on the same core module and the same WASI 0.2 host. */
    CHICORY_AOT("chicory-aot", "Chicory 1.7.5 compiler"),
    /** Node.js ({@code node:wasi}, V8) on the program's wasip1 build: the native JIT reference. */
    NODE("node", "Node.js (V8, node:wasi, wasip1 build)"),
    /** wasmjar on the wasip1 build: {@code WasiHost}'s preview1 layer ({@code wasi_snapshot_preview1}). */
    WASMJAR_P1("wasmjar-p1", "wasmjar on the wasip1 build (preview1 host)"),
    /** Chicory's interpreter on the wasip1 build with Chicory's own preview1 host ({@code com.dylibso.chicory:wasi}). */
    CHICORY_INTERPRETER_P1("chicory-interp-p1", "Chicory 1.7.5 interpreter, wasip1 build, Chicory WASI"),
    /** Chicory's compiler on the wasip1 build with Chicory's own preview1 host. */
    CHICORY_AOT_P1("chicory-aot-p1", "Chicory 1.7.5 compiler, wasip1 build, Chicory WASI");

    private final String id;
    private final String label;

    Engine(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** Short name used in parameters, file names and table headers. */
    public String id() {
        return id;
    }

    /** Human-readable description for the report. */
    public String label() {
        return label;
    }

    /** Whether this engine runs inside the JVM (benchmarked with JMH) rather than as another process. */
    public boolean inJvm() {
        return this != NODE;
    }

    /** Whether this engine runs the program's {@code wasip1} build (node and the {@code -p1} engines). */
    public boolean preview1() {
        return this == NODE || this == WASMJAR_P1 || this == CHICORY_INTERPRETER_P1 || this == CHICORY_AOT_P1;
    }

    /** Whether {@code program} has the build this engine runs: the wasip2 engines need a TinyGo corpus program. */
    public boolean runs(String program) {
        return preview1() || Corpus.BENCH_PROGRAMS.contains(program);
    }

    /** The engine named {@code id} (as {@link #id()} spells it). */
    public static Engine byId(String id) {
        for (Engine e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine " + id);
    }

    /** Prepares {@code program} for this in-JVM engine: parses and compiles the build it runs. */
    public GuestProgram prepare(Corpus corpus, String program) {
        switch (this) {
            case WASMJAR:
                return WasmjarEngine.prepare(corpus.coreModule(program));
            case CHICORY_INTERPRETER:
                return ChicoryEngine.prepare(corpus.coreModule(program), false);
            case CHICORY_AOT:
                return ChicoryEngine.prepare(corpus.coreModule(program), true);
            case WASMJAR_P1:
                return WasmjarEngine.prepare(corpus.preview1(program));
            case CHICORY_INTERPRETER_P1:
                return ChicoryPreview1Engine.prepare(corpus.preview1(program), false);
            case CHICORY_AOT_P1:
                return ChicoryPreview1Engine.prepare(corpus.preview1(program), true);
            default:
                throw new IllegalStateException(this + " does not run in the JVM");
        }
    }
}
