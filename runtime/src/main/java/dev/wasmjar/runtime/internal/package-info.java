/**
 * Support code called by generated classes. <b>For generated code only</b>: these types are
 * public because classes the compiler generates live in other packages, not because they are
 * an API; they may change in any release without notice.
 */
package dev.wasmjar.runtime.internal;
