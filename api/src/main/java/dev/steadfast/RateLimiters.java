package dev.steadfast;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The registry of every rate limiter in the application, injectable ({@code @Inject RateLimiters limiters}).
 *
 * <p>A named limiter ({@code @RateLimit(name = "partner-api")}) is registered under its name and shared by every
 * method naming it; an unnamed one under {@code <fully.qualified.Class>#<method>} (with the parameter types when the
 * class has overloads with rate limits), a programmatic guard's unnamed one under the guard's name. Limiters are
 * registered when the container starts, not on first use. Thread-safe.
 */
public interface RateLimiters {

    /** The limiter registered under {@code name}, or empty. */
    Optional<RateLimiterHandle> find(String name);

    /**
     * The limiter registered under {@code name}.
     *
     * @throws NoSuchElementException when there is none; the message lists the known names
     */
    RateLimiterHandle get(String name);

    /** Every limiter, sorted by name. An unmodifiable snapshot. */
    Collection<RateLimiterHandle> all();
}
