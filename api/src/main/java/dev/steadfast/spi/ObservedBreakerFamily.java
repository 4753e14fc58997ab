package dev.steadfast.spi;

import dev.steadfast.CircuitState;

/**
 * A live, read-only view of one keyed circuit breaker (a family of breakers, one per key), for gauges. Thread-safe;
 * reading never blocks.
 *
 * <p><b>Cardinality.</b> Keys are unbounded (tenants, hosts), metric series must not be. {@link #tagOf} gives the value
 * a metric should show for a key: the key's own text for the keys most in trouble (the most opened or rejected; at
 * most {@link #namedKeys()} at a time, and a bounded number over the family's life), {@link #OTHER} for every other.
 */
public interface ObservedBreakerFamily {

    /** The tag value of keys not shown by name. */
    String OTHER = "other";

    /** The family's registry name. */
    String name();

    /** Keys held now. */
    int size();

    /** Keys held now in {@code state}. */
    int count(CircuitState state);

    /** CLOSED keys evicted since the family was created. */
    long evictions();

    /** How many keys may be shown by name at a time. */
    int namedKeys();

    /** The value a metric shows for {@code key}: its text when it is among the keys most in trouble, else {@link #OTHER}. */
    String tagOf(Object key);
}
