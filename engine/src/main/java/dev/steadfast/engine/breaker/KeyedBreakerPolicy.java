package dev.steadfast.engine.breaker;

import dev.steadfast.engine.Violation;
import dev.steadfast.engine.time.Nanos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a keyed circuit breaker (a family of breakers, one per key) bounds its memory: at most {@link #maxKeys()} keys,
 * and a CLOSED key unused for {@link #keyIdleEvictionNanos()} is evicted. The breakers' own rules are the family's
 * {@link BreakerPolicy}. Immutable; {@link Builder#violations()} is the only check of its values. Every method naming
 * one family must agree on it.
 */
public final class KeyedBreakerPolicy {

    private final int maxKeys;
    private final long keyIdleEvictionNanos;

    private KeyedBreakerPolicy(Builder b) {
        this.maxKeys = b.maxKeys;
        this.keyIdleEvictionNanos = b.keyIdleEvictionNanos;
    }

    /** A builder with {@link dev.steadfast.KeyedBreaker @KeyedBreaker}'s defaults: 10,000 keys, 10 min idle. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@code @KeyedBreaker}. */
    public static KeyedBreakerPolicy defaults() {
        return builder().build();
    }

    /** The most keys the family holds at once. */
    public int maxKeys() {
        return maxKeys;
    }

    /** A CLOSED key unused this long is evicted. */
    public long keyIdleEvictionNanos() {
        return keyIdleEvictionNanos;
    }

    /** How this policy differs from {@code other}, for messages; empty when equal. */
    public String differences(KeyedBreakerPolicy other) {
        List<String> d = new ArrayList<>();
        if (maxKeys != other.maxKeys) {
            d.add("maxKeys " + maxKeys + " vs " + other.maxKeys);
        }
        if (keyIdleEvictionNanos != other.keyIdleEvictionNanos) {
            d.add("keyIdleEviction " + Violation.show(Violation.time(keyIdleEvictionNanos)) + " vs "
                    + Violation.show(Violation.time(other.keyIdleEvictionNanos)));
        }
        return String.join(", ", d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyedBreakerPolicy p && maxKeys == p.maxKeys
                && keyIdleEvictionNanos == p.keyIdleEvictionNanos;
    }

    @Override
    public int hashCode() {
        return maxKeys * 31 + Long.hashCode(keyIdleEvictionNanos);
    }

    @Override
    public String toString() {
        return "KeyedBreakerPolicy[maxKeys=" + maxKeys + ", keyIdleEviction="
                + Violation.show(Violation.time(keyIdleEvictionNanos)) + "]";
    }

    /** Collects a family's bounds, from {@code @KeyedBreaker}'s defaults. Not thread-safe. */
    public static final class Builder {

        private int maxKeys = 10_000;
        private long keyIdleEvictionNanos = Duration.ofMinutes(10).toNanos();

        private Builder() {
        }

        /** The most keys held at once, at least 1. */
        public Builder maxKeys(int value) {
            this.maxKeys = value;
            return this;
        }

        /** A CLOSED key unused this long is evicted; positive. */
        public Builder keyIdleEviction(Duration value) {
            this.keyIdleEvictionNanos = Nanos.of(Objects.requireNonNull(value, "keyIdleEviction"));
            return this;
        }

        /** Every rule these values break, named as {@code @KeyedBreaker} names them. */
        public List<Violation> violations() {
            List<Violation> found = new ArrayList<>();
            if (maxKeys < 1) {
                found.add(Violation.below("maxKeys", maxKeys, 1, "a keyed breaker must hold at least one key"));
            }
            if (keyIdleEvictionNanos <= 0) {
                found.add(Violation.of("keyIdleEviction", Violation.time(keyIdleEvictionNanos),
                        "is not positive; an idle key must be kept for some time"));
            }
            return found;
        }

        /**
         * The policy.
         *
         * @throws IllegalArgumentException naming every {@linkplain #violations() violation}, when there is one
         */
        public KeyedBreakerPolicy build() {
            Violation.requireNone("KeyedBreakerPolicy", violations());
            return new KeyedBreakerPolicy(this);
        }
    }
}
