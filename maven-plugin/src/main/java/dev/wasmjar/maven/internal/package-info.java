/** Implementation details of the wasmjar Maven plugin; not an API. */
package dev.wasmjar.maven.internal;
