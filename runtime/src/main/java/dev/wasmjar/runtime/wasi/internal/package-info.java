/**
 * Implementation of the WASI 0.2 host; not API.
 *
 * <h2>Infrastructure</h2>
 * <ul>
 *   <li>{@link dev.wasmjar.runtime.wasi.internal.WasiContext}: per-host state shared by all
 *       interfaces (config, resource table, waiter, stdio, guest memory once bound).</li>
 *   <li>{@link dev.wasmjar.runtime.wasi.internal.HandleTable}: resource handles (i32) → host
 *       objects, with slot reuse and bounded growth.</li>
 *   <li>{@link dev.wasmjar.runtime.wasi.internal.GuestMemory}: canonical-ABI reads, stores and
 *       allocation through the guest's {@code cabi_realloc}.</li>
 *   <li>{@link dev.wasmjar.runtime.wasi.internal.Pollable} and
 *       {@link dev.wasmjar.runtime.wasi.internal.PollWaiter}: readiness and blocking on one
 *       monitor per host, with deadlines, interruption and no spinning.</li>
 *   <li>{@link dev.wasmjar.runtime.wasi.internal.InputStreamResource} /
 *       {@link dev.wasmjar.runtime.wasi.internal.OutputStreamResource}: what a
 *       {@code wasi:io/streams} stream must implement (non-blocking read / check-write / write /
 *       flush and a readiness test); the streams interface builds the blocking variants, splice,
 *       skip and subscribe on top. Failures are {@link dev.wasmjar.runtime.wasi.internal.StreamException}s.</li>
 *   <li>{@link dev.wasmjar.runtime.wasi.internal.HostFunctions}: the registry of host functions,
 *       which is also the {@code Imports.Resolver} (any {@code @0.2.x} suffix).</li>
 * </ul>
 *
 * <h2>Plugging in another interface</h2>
 * <ol>
 *   <li>Write a class holding per-host state (usually just the {@code WasiContext}) with one
 *       method per WIT function whose JVM signature is the function's flattened core signature:
 *       strings and lists become {@code (int ptr, int len)}, resources {@code int} handles,
 *       {@code u64} a {@code long}; if the flattened results are more than one value the method
 *       returns {@code void} and takes a trailing {@code int ret} pointer to the return area
 *       (see {@code GuestMemory} for the layouts).</li>
 *   <li>Register each method with
 *       {@code functions.define("wasi:pkg/iface", "[method]res.name", "(i32 i64 i32)->()",
 *       MethodHandles.lookup(), impl, "javaMethodName")} — the lookup lets the methods stay private.</li>
 *   <li>Keep resources in {@code ctx.table()}: {@code add} for new {@code own} handles, {@code get}
 *       for borrows, {@code drop} for {@code [resource-drop]} (a resource implementing
 *       {@code HandleTable.Droppable} is told). Streams handed to the guest are
 *       {@code InputStreamResource}/{@code OutputStreamResource} subclasses so
 *       {@code wasi:io/streams} serves them.</li>
 *   <li>Implement {@link dev.wasmjar.runtime.wasi.internal.WasiInterfaceProvider} (public, no-arg
 *       constructor) and list it in
 *       {@code META-INF/services/dev.wasmjar.runtime.wasi.internal.WasiInterfaceProvider};
 *       {@link dev.wasmjar.runtime.wasi.internal.WasiInterfaces} loads it for every host.</li>
 * </ol>
 */
package dev.wasmjar.runtime.wasi.internal;
