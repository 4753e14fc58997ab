/**
 * Extension points: replace the executor Steadfast uses for asynchronous methods ({@link AsyncExecutorProvider}), and
 * observe guarded operations for metrics or tracing ({@link GuardObserver}).
 */
package dev.steadfast.spi;
