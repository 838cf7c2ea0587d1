/**
 * Runtime support for compiled {@code v128} code: lane helpers called from generated methods,
 * which carry a vector as two longs. Not API.
 */
package dev.wasmjar.runtime.internal.simd;
