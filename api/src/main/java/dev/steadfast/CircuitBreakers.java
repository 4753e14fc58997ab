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

    /** Every breaker, sorted by name. An unmodifiable snapshot. Keyed breakers are listed by {@link #families()}. */
    Collection<CircuitBreakerHandle> all();

    /**
     * The breaker of {@code key} in the keyed breaker (family) registered under {@code name}, or empty when there is
     * no such family or it holds no state for that key (never called, or evicted while CLOSED). The default knows no
     * families.
     */
    default Optional<CircuitBreakerHandle> find(String name, Object key) {
        return family(name).flatMap(f -> f.find(key));
    }

    /** The keyed breaker registered under {@code name}, or empty. The default knows no families. */
    default Optional<BreakerFamilyHandle> family(String name) {
        return Optional.empty();
    }

    /** Every keyed breaker, sorted by name. An unmodifiable snapshot. The default knows no families. */
    default Collection<BreakerFamilyHandle> families() {
        return java.util.List.of();
    }
}
