package dev.steadfast;

import java.util.Collection;
import java.util.Optional;

/**
 * An operator's view of one keyed circuit breaker: the family of breakers, one per key, that share a name and its
 * settings. Thread-safe.
 */
public interface BreakerFamilyHandle {

    /** The family's registry name: the breaker's name, or {@code <fully.qualified.Class>#<method>}. */
    String name();

    /** Keys held now (the overflow breaker not included); at most the family's {@code maxKeys}. */
    int size();

    /** CLOSED keys evicted since the family was created (idle or to make room). */
    long evictions();

    /**
     * The breaker of {@code key} (its {@link CircuitBreakerHandle#name()} is {@code <family>[<key>]}), or empty when the
     * family holds no state for it (never called, or evicted: then it is CLOSED with an empty window).
     */
    Optional<CircuitBreakerHandle> find(Object key);

    /** The keys held now. A snapshot. */
    Collection<Object> keys();

    /** Keys held now that are not CLOSED (OPEN, HALF_OPEN, FORCED_OPEN), with their breakers. A snapshot. */
    Collection<CircuitBreakerHandle> troubled();
}
