/**
 * Observation: offers each operation and breaker to the {@link dev.steadfast.spi.GuardObserver}s of an engine and
 * wraps the chains they are interested in with a strategy that times each call and reports its outcome. An operation
 * no observer wants is built exactly as without observers, and an observer that throws never breaks a call (see
 * {@code docs/spi.md}).
 */
package dev.steadfast.engine.observe;
