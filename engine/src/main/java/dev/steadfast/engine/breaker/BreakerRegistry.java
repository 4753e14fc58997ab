package dev.steadfast.engine.breaker;

import dev.steadfast.BreakerFamilyHandle;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every breaker of one engine by registry name: the one place where a breaker shared by name is created, so that
 * every method (annotated or programmatic) naming it gets the same state. Thread-safe.
 */
public final class BreakerRegistry implements CircuitBreakers {

    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    /** Keyed breakers by name: a name is either a breaker or a family, never both. */
    private final Map<String, BreakerFamily> families = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Timer timer;
    private final EngineListener listener;

    public BreakerRegistry(Clock clock, Timer timer, EngineListener listener) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The breaker registered under {@code name}, created with {@code policy} if there is none yet.
     *
     * @throws IllegalArgumentException when a breaker of that name exists with another policy
     */
    public Breaker getOrCreate(String name, BreakerPolicy policy) {
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' exists keyed; it cannot also be unkeyed");
        }
        Breaker b = breakers.computeIfAbsent(name, n -> new Breaker(n, policy, clock, timer, listener));
        if (!b.policy().equals(policy)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' already exists with " + b.policy()
                    + "; it cannot also have " + policy);
        }
        return b;
    }

    /**
     * The keyed breaker registered under {@code name}, created with {@code policy} and {@code keying} if there is none.
     *
     * @throws IllegalArgumentException when a family of that name exists with other policies, or an unkeyed breaker
     *                                  has that name
     */
    public BreakerFamily getOrCreateFamily(String name, BreakerPolicy policy, KeyedBreakerPolicy keying) {
        if (breakers.containsKey(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' exists unkeyed; it cannot also be keyed");
        }
        BreakerFamily f = families.computeIfAbsent(name, n -> new BreakerFamily(n, policy, keying, clock, listener));
        if (!f.policy().equals(policy) || !f.keying().equals(keying)) {
            throw new IllegalArgumentException("Keyed circuit breaker '" + name + "' already exists with " + f.policy()
                    + " and " + f.keying() + "; it cannot also have " + policy + " and " + keying);
        }
        return f;
    }

    @Override
    public Optional<BreakerFamilyHandle> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    @Override
    public Collection<BreakerFamilyHandle> families() {
        List<BreakerFamilyHandle> all = new ArrayList<>(families.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(all);
    }

    /** Forgets every key of every keyed breaker; for {@code Engine.reset()}. */
    public void resetFamilies() {
        families.values().forEach(BreakerFamily::reset);
    }

    @Override
    public Optional<CircuitBreakerHandle> find(String name) {
        return Optional.ofNullable(breakers.get(name));
    }

    @Override
    public CircuitBreakerHandle get(String name) {
        Breaker b = breakers.get(name);
        if (b == null) {
            throw new NoSuchElementException("No circuit breaker named '" + name + "'; known: "
                    + new TreeSet<>(breakers.keySet()));
        }
        return b;
    }

    @Override
    public Collection<CircuitBreakerHandle> all() {
        List<CircuitBreakerHandle> all = new ArrayList<>(breakers.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(all);
    }
}
