package dev.steadfast;

import dev.steadfast.internal.TimeFormat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown instead of invoking the method when its {@link RateLimit} admits no more calls now. Carries no stack trace:
 * rejections are frequent and must stay cheap.
 */
public class RateLimitExceededException extends FaultToleranceException implements RetryAfterHint {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final Duration retryAfter;

    /**
     * @param method     the guarded method, as {@code com.acme.Quotes#fetch(String)}
     * @param retryAfter time until the limiter admits a call again
     */
    public RateLimitExceededException(String method, Duration retryAfter) {
        super(null, null, false, false);
        this.method = Objects.requireNonNull(method, "method");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The guarded method, as {@code com.acme.Quotes#fetch(String)}. */
    public String getMethod() {
        return method;
    }

    /** Time until the limiter admits a call again. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /** The same as {@link #getRetryAfter()}, for {@link Retry}. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }

    /** Built on demand so that a rejection costs no string building. */
    @Override
    public String getMessage() {
        return "Rate limit of " + method + " exceeded; retry after " + TimeFormat.format(retryAfter);
    }
}
