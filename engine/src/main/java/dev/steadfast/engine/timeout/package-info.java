/**
 * Timeouts: the synchronous strategy, which lets the shared timer interrupt the caller's thread at the deadline
 * through a race-free watchdog, and the stage strategy, which fails the stage at the deadline and cancels the work
 * behind it. No thread is started per call (see {@code docs/annotations.md}).
 */
package dev.steadfast.engine.timeout;
