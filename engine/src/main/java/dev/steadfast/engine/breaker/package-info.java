/**
 * Circuit breakers: the lock-free state machine of one breaker ({@link dev.steadfast.engine.breaker.Breaker}), its
 * rolling window, the synchronous and stage strategies that ask it for permits, and the registry that shares a breaker
 * by name. Every state change is published by one compare-and-set and announced exactly once, in order (see
 * {@code docs/annotations.md} and {@code docs/operations.md}).
 */
package dev.steadfast.engine.breaker;
