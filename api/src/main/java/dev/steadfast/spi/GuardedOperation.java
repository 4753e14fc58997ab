package dev.steadfast.spi;

import java.util.Optional;
import java.util.Set;

/**
 * One guarded operation (an annotated method, or a programmatic guard), as shown to a {@link GuardObserver} when its
 * strategy chain is built. The views it returns ({@link #breaker()}, {@link #bulkhead()}, {@link #rateLimit()}) are
 * live: they read the current state whenever they are asked and may be kept and read from any thread (for gauges).
 */
public interface GuardedOperation {

    /** The policies an operation can have. */
    enum Policy {
        FALLBACK, RETRY, CIRCUIT_BREAKER, RATE_LIMIT, TIMEOUT, BULKHEAD, ASYNCHRONOUS
    }

    /** The operation as messages name it, e.g. {@code com.acme.Quotes#fetch(String)}; the metrics' method tag. */
    String method();

    /** Whether the operation returns a {@code CompletionStage} (then a call ends when its stage completes). */
    boolean returnsStage();

    /** The policies the operation has, after configuration. */
    Set<Policy> policies();

    /** Its circuit breaker, possibly shared with other operations by name; empty without one. */
    Optional<ObservedBreaker> breaker();

    /** Its bulkhead; empty without one. */
    Optional<ObservedBulkhead> bulkhead();

    /**
     * Its rate limit; empty without one. The default is empty, for implementations written before rate limits were
     * observable.
     */
    default Optional<ObservedRateLimit> rateLimit() {
        return Optional.empty();
    }
}
