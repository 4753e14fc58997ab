package dev.steadfast.impl.cdi;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;

import java.lang.annotation.Annotation;

/** The Steadfast annotations, with the names their config keys and messages use. */
enum PolicyKind {
    FALLBACK(Fallback.class, "fallback"),
    RETRY(Retry.class, "retry"),
    CIRCUIT_BREAKER(CircuitBreaker.class, "circuit-breaker"),
    RATE_LIMIT(RateLimit.class, "rate-limit"),
    TIMEOUT(Timeout.class, "timeout"),
    BULKHEAD(Bulkhead.class, "bulkhead"),
    ASYNCHRONOUS(Asynchronous.class, "asynchronous");

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
