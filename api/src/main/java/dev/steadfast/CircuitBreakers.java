package dev.steadfast;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The registry of every circuit breaker in the application, injectable ({@code @Inject CircuitBreakers breakers}).
 *
 * <p>A named breaker is registered under its name, an unnamed one under {@code <fully.qualified.Class>#<method>}.
 * Breakers are registered when the container starts, not on first use, and those of annotated methods stay until the
 * application stops. Thread-safe.
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

    /**
     * Removes the breaker registered under {@code name}, for a dependency that is gone (or a programmatic guard's
     * breaker that is no longer needed): it is no longer listed, and a breaker created under that name later starts
     * afresh, CLOSED. Code that already uses the removed breaker (a guard built before) goes on using it. A
     * programmatic guard's unnamed breaker is also removed when its guard is closed.
     *
     * @return {@code true} when a breaker was removed, {@code false} when there was none of that name
     * @throws IllegalStateException when annotated methods use the breaker: it lives as long as the application
     */
    boolean remove(String name);
}
