/**
 * Fallbacks: the synchronous and stage strategies that try a chain of already resolved fallback functions in order
 * when a call fails, and the policy that says which failures they answer (a {@code RetryExhaustedException}'s cause
 * included). When every fallback fails, the last failure propagates with the earlier ones suppressed (see
 * {@code docs/annotations.md}).
 */
package dev.steadfast.engine.fallback;
