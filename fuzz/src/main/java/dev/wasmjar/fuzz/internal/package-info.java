/**
 * The differential fuzzer's parts, not API: module generation (binaryen), the two executors
 * (wasmjar in-process, V8 through one long-lived Node.js process per worker), transcript
 * comparison, saving and reducing findings, and the run loop.
 */
package dev.wasmjar.fuzz.internal;
