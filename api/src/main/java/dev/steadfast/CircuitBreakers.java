package dev.steadfast;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The registry of every circuit breaker in the application, injectable ({@code @Inject CircuitBreakers breakers}).
 *
 * <p>A named breaker is registered under its name, an unnamed one under {@code <fully.qualified.Class>#<method>}.
 * Breakers are registered when the container starts, not on first use. Thread-safe.
 */
public interface CircuitBreakers {

    /** The breaker registered under {@code name}, or empty. */
    Optional<CircuitBreakerHandle> find(String name);

    /**
     * The breaker registered under {@code name}.
     *
     * @throws NoSuchElementException when there is none; the message lists the known names
     */
    CircuitBreakerHandle get(String name);

    /** Every breaker, sorted by name. An unmodifiable snapshot. */
    Collection<CircuitBreakerHandle> all();
}
