/**
 * Steadfast's public API: the policy annotations ({@link dev.steadfast.Retry}, {@link dev.steadfast.CircuitBreaker},
 * {@link dev.steadfast.Timeout}, {@link dev.steadfast.Fallback}, {@link dev.steadfast.Bulkhead},
 * {@link dev.steadfast.RateLimit}, {@link dev.steadfast.Asynchronous}), the exceptions callers see, and the registry,
 * event and health types operators use.
 *
 * <p>Policies apply outermost first: Fallback, Retry, CircuitBreaker, RateLimit, Timeout, Bulkhead, asynchronous
 * offload, method.
 */
package dev.steadfast;
