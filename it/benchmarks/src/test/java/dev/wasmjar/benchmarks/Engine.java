package dev.wasmjar.benchmarks;

import java.nio.file.Path;

/** The execution engines the suite compares. */
public enum Engine {
    /** wasmjar: the module compiled ahead of time to JVM classes, run with the wasmjar WASI 0.2 host. */
    WASMJAR("wasmjar", "wasmjar (AOT to JVM bytecode)"),
    /** Chicory's interpreter on the same core module and the same WASI 0.2 host. */
    CHICORY_INTERPRETER("chicory-interp", "Chicory 1.7.5 interpreter"),
    /** Chicory's bytecode compiler on the same core module and the same WASI 0.2 host. */
    CHICORY_AOT("chicory-aot", "Chicory 1.7.5 compiler"),
    /** Node.js ({@code node:wasi}, V8) on the program's wasip1 build: the native JIT reference. */
    NODE("node", "Node.js (V8, node:wasi, wasip1 build)");

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

    /** The engine named {@code id} (as {@link #id()} spells it). */
    public static Engine byId(String id) {
        for (Engine e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine " + id);
    }

    /** Prepares {@code program} from the corpus for this in-JVM engine. */
    public GuestProgram prepare(Corpus corpus, String program) {
        Path core = corpus.coreModule(program);
        switch (this) {
            case WASMJAR:
                return WasmjarEngine.prepare(core);
            case CHICORY_INTERPRETER:
                return ChicoryEngine.prepare(core, false);
            case CHICORY_AOT:
                return ChicoryEngine.prepare(core, true);
            default:
                throw new IllegalStateException(this + " does not run in the JVM");
        }
    }
}
