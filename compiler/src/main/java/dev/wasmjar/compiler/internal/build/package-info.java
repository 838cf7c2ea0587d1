/**
 * Build-time compilation shared by the CLI and the Maven plugin:
 * {@link dev.wasmjar.compiler.internal.build.ModuleBuild} compiles a module, checks its imports
 * ({@link dev.wasmjar.compiler.internal.build.ImportCheck}) and writes the instance classes and
 * the facade.
 */
package dev.wasmjar.compiler.internal.build;
