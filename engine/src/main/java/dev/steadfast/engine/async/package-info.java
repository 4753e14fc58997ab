/**
 * Asynchronous offload: runs an {@code @Asynchronous} body on the executor and hands the caller a stage at once
 * ({@link dev.steadfast.engine.async.AsyncOffloadStrategy}), and the engine's own executor for when the platform offers
 * none. A cancelled stage interrupts the body only while it runs, and the work counts as ended only once the body has
 * left its thread and its stage has completed (see {@code docs/annotations.md}).
 */
package dev.steadfast.engine.async;
