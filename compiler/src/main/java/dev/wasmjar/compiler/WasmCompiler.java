package dev.wasmjar.compiler;

import dev.wasmjar.compiler.internal.ModuleCompiler;
import dev.wasmjar.compiler.internal.ModuleReader;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Objects;

/**
 * Compiles WebAssembly (a core module, or a component wrapping one) ahead of time into JVM
 * classes.
 *
 * <pre>{@code
 * CompiledModule m = WasmCompiler.builder().className("com.acme.Hello").build().compile(bytes);
 * }</pre>
 *
 * <p>A compiler is immutable and may be used from several threads.
 */
public final class WasmCompiler {
    /** The instance class name used when none is given. */
    public static final String DEFAULT_CLASS_NAME = "wasmjar.generated.Module";

    private final String className;
    private final int parallelism;

    private WasmCompiler(Builder b) {
        this.className = b.className;
        this.parallelism = b.parallelism;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compiles {@code wasm}.
     *
     * @throws CompileException if the input is malformed or invalid, uses an unsupported feature,
     *     or exceeds a limit; nothing else, whatever the input
     */
    public CompiledModule compile(byte[] wasm) {
        Objects.requireNonNull(wasm, "wasm");
        try {
            ModuleReader.Result read = ModuleReader.readAll(wasm);
            WasmModule module = read.module();
            byte[] core = read.isComponent() ? read.component().mainModuleBytes() : wasm;
            ModuleCompiler compiler = new ModuleCompiler(module, core, className.replace('.', '/')).parallelism(parallelism);
            return new CompiledModule(className, compiler.compile());
        } catch (CompileException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new CompileException(CompileException.Kind.LIMIT, "the module is nested too deeply to compile", -1, e);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // a bug in the compiler, or a limit it did not foresee: still the caller's documented exception
            throw new CompileException(CompileException.Kind.UNSUPPORTED, "cannot compile: " + e, -1, e);
        }
    }

    /** Configures a {@link WasmCompiler}. */
    public static final class Builder {
        private String className = DEFAULT_CLASS_NAME;
        private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder() {
        }

        /** The binary name of the generated instance class, e.g. {@code com.acme.Hello}. */
        public Builder className(String className) {
            Objects.requireNonNull(className, "className");
            for (String part : className.split("\\.", -1)) {
                if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))
                        || !part.chars().allMatch(Character::isJavaIdentifierPart)) {
                    throw new IllegalArgumentException("not a Java class name: " + className);
                }
            }
            this.className = className;
            return this;
        }

        /** How many threads generate code in parallel (default: the number of processors). */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1");
            }
            this.parallelism = threads;
            return this;
        }

        public WasmCompiler build() {
            return new WasmCompiler(this);
        }
    }
}
