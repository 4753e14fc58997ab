/**
 * Bulkheads: limits on concurrent executions, for synchronous calls (callers wait up to {@code maxWait}) and for
 * stages (a FIFO queue of {@code waitingTaskQueue}). Both rest on {@code Permits}, whose rule is that callers queue
 * only while every permit is held, so waiting is fair and no wake-up is lost (see {@code docs/annotations.md}).
 */
package dev.steadfast.engine.bulkhead;
