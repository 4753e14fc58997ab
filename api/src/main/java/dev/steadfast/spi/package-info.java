/**
 * Extension points: replace the executor Steadfast uses for asynchronous methods ({@link AsyncExecutorProvider}),
 * observe guarded operations for metrics or tracing ({@link GuardObserver}), and declare a module's own config keys to
 * strict config ({@link ConfigKeys}).
 */
package dev.steadfast.spi;
