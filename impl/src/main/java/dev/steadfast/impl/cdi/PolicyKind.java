package dev.steadfast.impl.cdi;

import dev.steadfast.AdaptiveBulkhead;
import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.KeyedBreaker;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.RetryBudget;
import dev.steadfast.Timeout;

import java.lang.annotation.Annotation;

/**
 * The Steadfast annotations, with the names their config keys and messages use. Overload control adds three:
 * {@code @RetryBudget} ({@code retry-budget}), {@code @AdaptiveBulkhead} ({@code adaptive-bulkhead}) and
 * {@code @KeyedBreaker}, whose members are read under {@code circuit-breaker}, the keys of the breaker it makes keyed.
 */
enum PolicyKind {
    FALLBACK(Fallback.class, "fallback"),
    RETRY(Retry.class, "retry"),
    CIRCUIT_BREAKER(CircuitBreaker.class, "circuit-breaker"),
    RATE_LIMIT(RateLimit.class, "rate-limit"),
    TIMEOUT(Timeout.class, "timeout"),
    BULKHEAD(Bulkhead.class, "bulkhead"),
    ASYNCHRONOUS(Asynchronous.class, "asynchronous"),
    RETRY_BUDGET(RetryBudget.class, "retry-budget"),
    ADAPTIVE_BULKHEAD(AdaptiveBulkhead.class, "adaptive-bulkhead"),
    KEYED_BREAKER(KeyedBreaker.class, "circuit-breaker");

    final Class<? extends Annotation> type;
    /** The {@code <annotation>} part of config keys. */
    final String key;

    PolicyKind(Class<? extends Annotation> type, String key) {
        this.type = type;
        this.key = key;
    }

    /** {@code @Retry}, for messages. */
    String display() {
        return "@" + type.getSimpleName();
    }

    static PolicyKind of(Class<? extends Annotation> type) {
        for (PolicyKind k : values()) {
            if (k.type == type) {
                return k;
            }
        }
        return null;
    }
}
