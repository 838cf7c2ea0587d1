/**
 * Code generation for wasm function bodies: {@link dev.wasmjar.compiler.internal.FunctionCodegen}
 * drives {@link dev.wasmjar.compiler.internal.body.BodyEmitter}, which turns one instruction
 * range into one JVM method, and {@link dev.wasmjar.compiler.internal.body.SplitPlanner}, which
 * divides functions too large for one JVM method into several.
 */
package dev.wasmjar.compiler.internal.body;
