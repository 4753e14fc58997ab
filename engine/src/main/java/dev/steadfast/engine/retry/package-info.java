/**
 * Retries: the decisions shared by the synchronous and the stage retry (which failures, how long to wait, when the
 * budget is spent) and the two strategies. The delay is the backoff curve, then jitter, then the {@code maxDelay}
 * cap, then at least a {@link dev.steadfast.RetryAfterHint}, and no retry starts whose delay would cross
 * {@code maxDuration} (see {@code docs/annotations.md}).
 */
package dev.steadfast.engine.retry;
