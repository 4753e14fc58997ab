package dev.steadfast;

import java.time.Duration;

/**
 * CDI event fired before each retry; observe it with {@code @Observes RetryAttempted}. An observer that throws is
 * logged and never breaks the guarded call.
 *
 * @param method    the guarded method, as {@code com.acme.Quotes#fetch(String)}
 * @param attempt   the attempt that failed, 1 for the first
 * @param failure   its failure, or {@code null} when its result was rejected by {@link Retry#retryOnResult()}
 * @param nextDelay the delay before the next attempt
 */
public record RetryAttempted(String method, int attempt, Throwable failure, Duration nextDelay) {
}
