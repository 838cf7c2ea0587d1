package dev.wasmjar.compiler.spec;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.spec.CommandResult.Status;
import dev.wasmjar.compiler.spec.SpecValues.Val;
import dev.wasmjar.runtime.Global;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.LinkException;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of one spec script ({@code X.json} from {@code wast2json}) in order and
 * records the outcome of each. A script is isolated: it gets its own {@code spectest}
 * instance, named modules and registrations.
 *
 * <p>Decisions where the suite leaves room:
 * <ul>
 * <li>A trap matches an expected message when the expected text starts with the trap kind's
 *     {@link TrapKind#message()} (the suite writes e.g. "uninitialized element 2").</li>
 * <li>{@code assert_invalid} and binary {@code assert_malformed} pass on a
 *     {@link CompileException} of kind MALFORMED or INVALID; the suite's classification into the
 *     two is not always what a given parser reports, so either is accepted. UNSUPPORTED or
 *     LIMIT would mean the module was never really validated, so they count as failures. An
 *     {@code assert_invalid} rejected as INVALID must also say why in the suite's words: its
 *     message starts with the expected text (e.g. "type mismatch", "unknown function").</li>
 * <li>{@code assert_unlinkable} needs a {@link LinkException} from instantiation. Every such
 *     command in the 2.0 suite expects a link-time error ("unknown import", "incompatible import
 *     type"), so a CompileException is a failure.</li>
 * <li>Text-format {@code assert_malformed} ({@code .wat} modules) are skipped: wasmjar reads
 *     binaries only.</li>
 * <li>When a module fails to compile or instantiate, the commands that use it fail too (with
 *     the reason), rather than being skipped: they did not pass.</li>
 * </ul>
 */
final class ScriptRunner {
    /** The outcome of a whole script. */
    static final class Outcome {
        final String script;
        final List<CommandResult> results;
        final long millis;
        final boolean timedOut;

        Outcome(String script, List<CommandResult> results, long millis, boolean timedOut) {
            this.script = script;
            this.results = results;
            this.millis = millis;
            this.timedOut = timedOut;
        }

        long count(Status s) {
            return results.stream().filter(r -> r.status == s).count();
        }
    }

    /** A command did not do what the script expects; the message says what it did instead. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Stack size for actions expected to exhaust the stack; see {@link #performOnSmallStack}. */
    private static final long EXHAUSTION_STACK_BYTES =
            Long.getLong("wasmjar.spec.exhaustionStackKb", 2048) * 1024;

    /**
     * With {@code -Dwasmjar.spec.strictKinds=true}, assert_invalid must give INVALID and
     * assert_malformed MALFORMED exactly: a diagnostic for the compiler's classification, off
     * by default because the spec's own split is partly an artefact of the text format.
     */
    private static final boolean STRICT_KINDS = Boolean.getBoolean("wasmjar.spec.strictKinds");

    /**
     * assert_invalid modules whose expected message describes the text format only: wast2json
     * writes {@code (select (result) ...)} ("invalid result arity") as a plain untyped select,
     * which in the binary is a type mismatch.
     */
    private static final java.util.Set<Object> TEXT_ONLY_MESSAGES = java.util.Set.of("select.2.wasm");

    private final Path dir;
    private final String script;
    private final List<Map<String, Object>> commands;
    private final Spectest spectest = new Spectest();
    private final Map<String, Instance> named = new HashMap<>();
    private final Map<String, Instance> registered = new LinkedHashMap<>();
    private Instance current;
    /** Why {@link #current} is null, for the failures of commands that needed it. */
    private String noCurrentReason = "no module defined yet";
    private final List<CommandResult> results = new ArrayList<>(); // guarded by itself
    private volatile boolean abandoned;

    private ScriptRunner(Path dir, String script, List<Map<String, Object>> commands) {
        this.dir = dir;
        this.script = script;
        this.commands = commands;
    }

    /**
     * Runs {@code json} on a fresh thread with the JVM's default stack size (surefire sets
     * {@code -Xss16m}, which the deep-recursion tests need) and gives up after {@code timeout}:
     * the command then running and all later ones count as failed.
     */
    @SuppressWarnings("unchecked")
    static Outcome run(Path json, Duration timeout) {
        String script = json.getFileName().toString().replaceFirst("\\.json$", "");
        long start = System.nanoTime();
        List<Map<String, Object>> commands;
        try {
            Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(json, StandardCharsets.UTF_8));
            commands = (List<Map<String, Object>>) (List<?>) root.get("commands");
        } catch (IOException | RuntimeException e) {
            return new Outcome(script, List.of(new CommandResult(0, "read " + json.getFileName(), Status.FAILED,
                    "cannot read the script: " + e)), 0, false);
        }
        ScriptRunner runner = new ScriptRunner(json.getParent(), script, commands);
        Thread t = new Thread(null, runner::runAll, "spec-" + script, 0);
        t.setDaemon(true); // a guest stuck in a loop must not keep the test JVM alive
        t.start();
        boolean timedOut = false;
        try {
            t.join(timeout.toMillis());
            if (t.isAlive()) {
                timedOut = true;
                runner.abandoned = true;
                t.interrupt();
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.abandoned = true;
            timedOut = true;
        }
        return runner.outcome(System.nanoTime() - start, timedOut, t.isAlive(), timeout);
    }

    private void runAll() {
        for (Map<String, Object> cmd : commands) {
            if (abandoned) {
                return;
            }
            CommandResult r;
            long t0 = System.nanoTime();
            try {
                r = execute(cmd);
            } catch (Throwable t) { // a harness bug or an escaped JVM error: report, keep going
                r = new CommandResult(line(cmd), describeCommand(cmd), Status.FAILED, "harness error: " + describe(t));
            }
            r = r.withMillis((System.nanoTime() - t0) / 1_000_000);
            synchronized (results) {
                if (!abandoned) {
                    results.add(r);
                }
            }
        }
    }

    private Outcome outcome(long nanos, boolean timedOut, boolean stillAlive, Duration timeout) {
        List<CommandResult> out;
        synchronized (results) {
            out = new ArrayList<>(results);
        }
        if (timedOut) {
            int running = out.size();
            for (int i = running; i < commands.size(); i++) {
                Map<String, Object> cmd = commands.get(i);
                String why = i == running
                        ? "still running when the script's time limit of " + timeout.toSeconds() + " s ran out"
                                + (stillAlive ? " (and it ignored Thread.interrupt())" : " (it stopped when interrupted)")
                        : "not run: the script ran out of time";
                out.add(new CommandResult(line(cmd), describeCommand(cmd), Status.FAILED, why));
            }
        }
        return new Outcome(script, out, nanos / 1_000_000, timedOut);
    }

    // ---- commands ---------------------------------------------------------------------------

    private CommandResult execute(Map<String, Object> cmd) {
        String type = SpecValues.str(cmd, "type");
        int line = line(cmd);
        String text = describeCommand(cmd);
        try {
            switch (type) {
                case "module":
                    module(cmd);
                    break;
                case "register":
                    register(cmd);
                    break;
                case "action":
                    perform(action(cmd));
                    break;
                case "assert_return":
                    assertReturn(cmd);
                    break;
                case "assert_trap":
                case "assert_exhaustion":
                    assertTrap(cmd, type.equals("assert_exhaustion"));
                    break;
                case "assert_invalid":
                case "assert_malformed":
                    if ("text".equals(cmd.get("module_type"))) {
                        return new CommandResult(line, text, Status.SKIPPED, "text-format module (wasmjar reads binaries only)");
                    }
                    assertRejected(cmd);
                    break;
                case "assert_unlinkable":
                    assertUnlinkable(cmd);
                    break;
                case "assert_uninstantiable":
                    assertUninstantiable(cmd);
                    break;
                default:
                    throw new Failure("unknown command type " + type);
            }
            return new CommandResult(line, text, Status.PASSED, "");
        } catch (Failure f) {
            return new CommandResult(line, text, Status.FAILED, f.getMessage());
        }
    }

    private void module(Map<String, Object> cmd) {
        String name = (String) cmd.get("name");
        current = null;
        noCurrentReason = "the module at line " + line(cmd) + " failed";
        if (name != null) {
            named.remove(name);
        }
        SpecCompiler.Compiled m = compile(cmd, "module");
        Instance inst;
        try {
            inst = m.instantiate(imports());
        } catch (Throwable t) {
            throw new Failure("instantiation failed: " + describe(t));
        }
        current = inst;
        if (name != null) {
            named.put(name, inst);
        }
    }

    private void register(Map<String, Object> cmd) {
        String name = (String) cmd.get("name");
        Instance inst = instance(name);
        registered.put(SpecValues.str(cmd, "as"), inst);
    }

    private void assertReturn(Map<String, Object> cmd) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> expected = (List<Map<String, Object>>) cmd.get("expected");
        List<Val> actual = perform(action(cmd));
        if (actual.size() != expected.size()) {
            throw new Failure("expected " + SpecValues.describeAll(expected) + ", got " + actual);
        }
        for (int i = 0; i < actual.size(); i++) {
            String why = SpecValues.mismatch(expected.get(i), actual.get(i));
            if (why != null) {
                throw new Failure((actual.size() > 1 ? "result " + i + ": " : "") + why
                        + (actual.size() > 1 ? " (expected " + SpecValues.describeAll(expected) + ", got " + actual + ")" : ""));
            }
        }
    }

    private void assertTrap(Map<String, Object> cmd, boolean exhaustion) {
        String expected = SpecValues.str(cmd, "text");
        Throwable thrown = null;
        String got;
        if (cmd.containsKey("action")) {
            try {
                got = "returned " + (exhaustion ? performOnSmallStack(action(cmd)) : perform(action(cmd)));
            } catch (Failure f) {
                throw f;
            } catch (Throwable t) {
                thrown = t;
                got = describe(t);
            }
        } else {
            // assert_trap on a module: instantiation (segments, start function) must trap.
            SpecCompiler.Compiled m = compile(cmd, "module");
            try {
                m.instantiate(imports());
                got = "instantiated without a trap";
            } catch (Throwable t) {
                thrown = t;
                got = describe(t);
            }
        }
        if (thrown instanceof Trap && trapMatches((Trap) thrown, expected)) {
            if (exhaustion && ((Trap) thrown).kind() != TrapKind.CALL_STACK_EXHAUSTED) {
                throw new Failure("expected call stack exhaustion, got " + got);
            }
            return;
        }
        throw new Failure("expected trap \"" + expected + "\", got " + got);
    }

    private void assertRejected(Map<String, Object> cmd) {
        byte[] wasm = readModule(cmd);
        try {
            SpecCompiler.compile(wasm, className(cmd));
        } catch (CompileException e) {
            if (STRICT_KINDS) {
                CompileException.Kind want = cmd.get("type").equals("assert_invalid")
                        ? CompileException.Kind.INVALID : CompileException.Kind.MALFORMED;
                if (e.kind() == want) {
                    return;
                }
                throw new Failure("expected " + want + " (\"" + cmd.get("text") + "\"), got CompileException "
                        + e.kind() + ": " + e.getMessage());
            }
            if (e.kind() == CompileException.Kind.INVALID && cmd.get("type").equals("assert_invalid")
                    && !e.getMessage().startsWith(String.valueOf(cmd.get("text")))
                    && !TEXT_ONLY_MESSAGES.contains(cmd.get("filename"))) {
                throw new Failure("expected the message to start with \"" + cmd.get("text") + "\", got INVALID: " + e.getMessage());
            }
            if (e.kind() == CompileException.Kind.MALFORMED || e.kind() == CompileException.Kind.INVALID) {
                return;
            }
            throw new Failure("expected rejection (\"" + cmd.get("text") + "\"), got CompileException "
                    + e.kind() + ": " + e.getMessage());
        } catch (Throwable t) {
            throw new Failure("expected CompileException (\"" + cmd.get("text") + "\"), got " + describe(t));
        }
        throw new Failure("expected CompileException (\"" + cmd.get("text") + "\"), but the module compiled");
    }

    private void assertUnlinkable(Map<String, Object> cmd) {
        SpecCompiler.Compiled m = compile(cmd, "module expected to be unlinkable");
        try {
            m.instantiate(imports());
        } catch (LinkException e) {
            return;
        } catch (Throwable t) {
            throw new Failure("expected LinkException (\"" + cmd.get("text") + "\"), got " + describe(t));
        }
        throw new Failure("expected LinkException (\"" + cmd.get("text") + "\"), but the module linked");
    }

    private void assertUninstantiable(Map<String, Object> cmd) {
        assertTrap(cmd, false);
    }

    static boolean trapMatches(Trap t, String expected) {
        return t.kind() != null && expected.startsWith(t.kind().message());
    }

    // ---- actions ----------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> action(Map<String, Object> cmd) {
        return (Map<String, Object>) cmd.get("action");
    }

    /** Invokes a function or reads a global; exceptions other than harness failures propagate. */
    private List<Val> perform(Map<String, Object> action) {
        Instance inst = instance((String) action.get("module"));
        String field = SpecValues.str(action, "field");
        Object export = inst.exports().get(field);
        String kind = SpecValues.str(action, "type");
        if (kind.equals("get")) {
            if (!(export instanceof Global)) {
                throw new Failure("no exported global \"" + field + "\" (found " + export + ")");
            }
            return List.of(Val.ofGlobal((Global) export));
        }
        if (!kind.equals("invoke")) {
            throw new Failure("unknown action " + kind);
        }
        if (!(export instanceof WasmFunction)) {
            throw new Failure("no exported function \"" + field + "\" (found " + export + ")");
        }
        WasmFunction f = (WasmFunction) export;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> args = (List<Map<String, Object>>) action.get("args");
        Object[] boxed = new Object[args.size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = SpecValues.toArg(args.get(i));
        }
        Object r = f.invoke(boxed);
        // The function's declared results, not the Java value, tell "no result" from a null
        // reference.
        List<ValueType> types = f.type().results();
        if (types.isEmpty()) {
            return List.of();
        }
        if (types.size() == 1) {
            return List.of(Val.ofBoxed(types.get(0), r));
        }
        if (!(r instanceof Object[]) || ((Object[]) r).length != types.size()) {
            throw new Failure(types.size() + " results expected as an Object[], got " + r);
        }
        List<Val> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            out.add(Val.ofBoxed(types.get(i), ((Object[]) r)[i]));
        }
        return out;
    }

    /**
     * Performs an action expected to exhaust the call stack on a thread with a stack of
     * {@link #EXHAUSTION_STACK_BYTES}. Why: with surefire's {@code -Xss16m}, JIT-compiled wasm
     * frames are small enough that a runaway recursion gets hundreds of thousands of calls deep
     * before it overflows, and unwinding that many frames (each generated function catches and
     * rethrows to build the wasm backtrace) took 10-45 s per command. The assertion is the same
     * at any depth: the call must end in a "call stack exhausted" trap. Everything else keeps
     * the JVM's default stack, which deep but finite recursions in the suite need.
     */
    private List<Val> performOnSmallStack(Map<String, Object> action) throws Throwable {
        Object[] outcome = new Object[2];
        Thread t = new Thread(null, () -> {
            try {
                outcome[0] = perform(action);
            } catch (Throwable e) {
                outcome[1] = e;
            }
        }, Thread.currentThread().getName() + "-exhaustion", EXHAUSTION_STACK_BYTES);
        t.setDaemon(true);
        t.start();
        t.join(); // the script's own time limit interrupts this join if the call never ends
        if (outcome[1] != null) {
            throw (Throwable) outcome[1];
        }
        @SuppressWarnings("unchecked")
        List<Val> r = (List<Val>) outcome[0];
        return r;
    }

    private Instance instance(String name) {
        if (name == null) {
            if (current == null) {
                throw new Failure("no current module: " + noCurrentReason);
            }
            return current;
        }
        Instance i = named.get(name);
        if (i == null) {
            throw new Failure("no module named " + name + " (it failed or was never defined)");
        }
        return i;
    }

    // ---- modules ----------------------------------------------------------------------------

    private SpecCompiler.Compiled compile(Map<String, Object> cmd, String what) {
        byte[] wasm = readModule(cmd);
        try {
            return SpecCompiler.compile(wasm, className(cmd));
        } catch (Throwable t) {
            throw new Failure(what + " " + cmd.get("filename") + " did not compile: " + describe(t));
        }
    }

    private byte[] readModule(Map<String, Object> cmd) {
        String file = SpecValues.str(cmd, "filename");
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new Failure("cannot read " + file + ": " + e);
        }
    }

    /** A class name unique within the run: package per script, class per command line. */
    private String className(Map<String, Object> cmd) {
        String pkg = script.replaceAll("[^A-Za-z0-9_]", "_");
        return "spec.s_" + pkg + ".L" + line(cmd);
    }

    private Imports imports() {
        Imports.Builder b = spectest.addTo(Imports.builder());
        registered.forEach(b::instance);
        return b.build();
    }

    // ---- descriptions -----------------------------------------------------------------------

    private static int line(Map<String, Object> cmd) {
        Object l = cmd.get("line");
        return l instanceof Number ? ((Number) l).intValue() : 0;
    }

    /** The command in wast-like text, e.g. {@code assert_trap invoke "div" (i32:1 i32:0) "integer divide by zero"}. */
    @SuppressWarnings("unchecked")
    static String describeCommand(Map<String, Object> cmd) {
        String type = String.valueOf(cmd.get("type"));
        StringBuilder sb = new StringBuilder(type);
        if (cmd.get("name") != null) {
            sb.append(' ').append(cmd.get("name"));
        }
        if (cmd.get("as") != null) {
            sb.append(" as \"").append(cmd.get("as")).append('"');
        }
        if (cmd.get("filename") != null) {
            sb.append(' ').append(cmd.get("filename"));
        }
        Object a = cmd.get("action");
        if (a instanceof Map) {
            Map<String, Object> action = (Map<String, Object>) a;
            sb.append(' ').append(action.get("type"));
            if (action.get("module") != null) {
                sb.append(' ').append(action.get("module"));
            }
            sb.append(" \"").append(printable(String.valueOf(action.get("field")))).append('"');
            if ("invoke".equals(action.get("type"))) {
                try {
                    sb.append(' ').append(SpecValues.describeAll((List<Map<String, Object>>) action.get("args")));
                } catch (RuntimeException e) {
                    sb.append(' ').append(action.get("args"));
                }
            }
        }
        if (type.equals("assert_return")) {
            try {
                sb.append(" -> ").append(SpecValues.describeAll((List<Map<String, Object>>) cmd.get("expected")));
            } catch (RuntimeException e) {
                sb.append(" -> ").append(cmd.get("expected"));
            }
        }
        if (cmd.get("text") != null) {
            sb.append(" \"").append(cmd.get("text")).append('"');
        }
        return sb.toString();
    }

    /**
     * {@code s} with control and other XML-hostile characters escaped as a backslash-u escape:
     * {@code names.wast} exports names made of control characters, and these strings end up in test names
     * and surefire's XML reports.
     */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
            if (Character.isISOControl(c) || c == '\uFFFE' || c == '\uFFFF' || lone) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** An exception in one line, with where it came from when it is not an expected kind. */
    static String describe(Throwable t) {
        String s = describeRaw(t).replaceAll("\\s*\\R\\s*", " | ");
        // VerifyErrors carry whole bytecode dumps; the head says enough for a report.
        return s.length() > 700 ? s.substring(0, 697) + "..." : s;
    }

    private static String describeRaw(Throwable t) {
        if (t instanceof Trap) {
            Trap trap = (Trap) t;
            return "trap " + trap.kind() + " \"" + trap.getMessage() + "\"";
        }
        if (t instanceof CompileException) {
            return "CompileException " + ((CompileException) t).kind() + ": " + t.getMessage();
        }
        if (t instanceof LinkException) {
            return "LinkException: " + t.getMessage();
        }
        StringBuilder sb = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(3, st.length); i++) {
            sb.append(i == 0 ? " at " : " < ").append(st[i]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            sb.append(" caused by ").append(t.getCause());
        }
        return sb.toString();
    }
}
