package dev.wasmjar.compiler.internal.validate;

/** What opened a control frame: the function body itself or a structured instruction. */
public enum FrameKind {
    FUNCTION,
    BLOCK,
    LOOP,
    IF,
    ELSE
}
