/**
 * Code generation for wasm function bodies, for {@link dev.wasmjar.compiler.internal.FunctionCodegen}.
 *
 * <p>{@link dev.wasmjar.compiler.internal.body.FunctionCompiler} compiles one function: a
 * {@code BodyEmitter} turns an instruction range into one JVM method (writing its own stack map
 * frames), taking each instruction's code from the emitter of its family ({@code ControlEmitter},
 * {@code MemoryEmitter}, {@code NumericEmitter}, ... registered in an {@code EmitterTable}), and,
 * for functions too large for one JVM method, a {@code SplitPlanner} decides which
 * ranges become outlined {@code Region} methods that share the function's locals through frame
 * arrays.
 */
package dev.wasmjar.compiler.internal.body;
