package dev.steadfast.demo;

import dev.steadfast.RetryAfterHint;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * An HTTP 503 from the service. Its {@code Retry-After} header becomes a {@link RetryAfterHint}, so {@code @Retry}
 * waits at least that long before the next attempt.
 */
final class ServiceUnavailableException extends IOException implements RetryAfterHint {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter; // null when the service gave no usable Retry-After

    ServiceUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
