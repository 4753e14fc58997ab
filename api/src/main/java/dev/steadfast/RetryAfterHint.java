package dev.steadfast;

import java.time.Duration;
import java.util.Optional;

/**
 * Implemented by a failure that knows when a retry may succeed: an HTTP 503 with {@code Retry-After}, an upstream rate
 * limit, or Steadfast's own rejections. {@link Retry} makes the next delay at least {@link #retryAfter()} long, within
 * its {@code maxDuration}.
 */
public interface RetryAfterHint {

    /** How long to wait before the next attempt, or empty when the failure does not know. */
    Optional<Duration> retryAfter();
}
