/**
 * Generates the Java source of a module's facade: the public, typed class a build tool puts in
 * front of the compiled instance class (see {@link dev.wasmjar.compiler.internal.facade.FacadeSourceGenerator}).
 */
package dev.wasmjar.compiler.internal.facade;
