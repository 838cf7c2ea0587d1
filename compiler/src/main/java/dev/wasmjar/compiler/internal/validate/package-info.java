/**
 * Validation of a parsed WebAssembly 2.0 module: every rule of the core specification's
 * validation chapter, implemented as its appendix "Validation Algorithm" describes, over the
 * module as Chicory's parser (run without its own validator) represents it.
 *
 * <p>{@link dev.wasmjar.compiler.internal.validate.ModuleValidator} is the entry point. It builds
 * the spec's context C ({@link dev.wasmjar.compiler.internal.validate.ValidationContext}), checks
 * the module-level rules (imports, tables, memories, globals, segments, start, exports) with
 * {@link dev.wasmjar.compiler.internal.validate.ConstantExpressionValidator} for initializers,
 * and each function body with a
 * {@link dev.wasmjar.compiler.internal.validate.FunctionValidator}: an
 * {@link dev.wasmjar.compiler.internal.validate.OperandStack} of
 * {@link dev.wasmjar.compiler.internal.validate.OperandType}s (with {@code UNKNOWN} for the
 * polymorphic stack after unconditional branches) and a
 * {@link dev.wasmjar.compiler.internal.validate.ControlStack} of frames.
 *
 * <p>The typing rules of the instructions live in one class per opcode family
 * ({@link dev.wasmjar.compiler.internal.validate.InstructionFamily}), collected in an
 * {@link dev.wasmjar.compiler.internal.validate.InstructionTable}; the vector (SIMD) family,
 * {@link dev.wasmjar.compiler.internal.validate.VectorInstructions}, shows the size of one.
 * Adding a family (a proposal's instructions, say) is one new class registered in
 * {@link dev.wasmjar.compiler.internal.validate.InstructionTable#standard()}; an opcode no family
 * registers is reported as unsupported.
 *
 * <p>Errors are {@link dev.wasmjar.compiler.CompileException}s of kind {@code INVALID} whose
 * message starts with the spec test suite's wording ("type mismatch", "unknown function",
 * "undeclared function reference", ...), followed by the details and the location.
 */
package dev.wasmjar.compiler.internal.validate;
