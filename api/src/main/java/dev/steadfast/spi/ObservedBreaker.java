package dev.steadfast.spi;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitState;

import java.time.Duration;

/** A live, read-only view of one circuit breaker, for gauges. Thread-safe; reading never blocks. */
public interface ObservedBreaker {

    /** The registry name: the breaker's name, or {@code <fully.qualified.Class>#<method>} for an unnamed one. */
    String name();

    /** Its state now. */
    CircuitState state();

    /** Its counters since it was built or last reset. */
    CircuitBreakerStats stats();

    /**
     * Total time it has spent {@code OPEN} or {@code FORCED_OPEN} since it was first observed, including the current
     * open period; never decreases (a reset does not clear it). Measured with the engine's clock when the state
     * changes are announced.
     */
    Duration timeOpen();
}
