package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every registered rate limiter of one engine by name: the one place where a limiter shared by name is created, so
 * that every method (annotated or programmatic) naming it asks the same one. Thread-safe.
 */
public final class RateLimiterRegistry implements RateLimiters {

    private final Map<String, SharedRateLimiter> limiters = new ConcurrentHashMap<>();

    /**
     * The limiter registered under {@code name}, created by {@code create} if there is none yet.
     *
     * @throws IllegalArgumentException when a limiter of that name exists with another policy
     */
    public SharedRateLimiter getOrCreate(String name, RateLimitPolicy policy,
            Function<String, SharedRateLimiter> create) {
        SharedRateLimiter l = limiters.computeIfAbsent(name, create);
        if (!l.policy().equals(policy)) {
            throw new IllegalArgumentException("Rate limiter '" + name + "' already exists with " + l.policy()
                    + "; it cannot also have " + policy);
        }
        return l;
    }

    /** Rebuilds every limiter that can be ({@link SharedRateLimiter#rebuild()}): for test support. */
    public void rebuildAll() {
        limiters.values().forEach(SharedRateLimiter::rebuild);
    }

    @Override
    public Optional<RateLimiterHandle> find(String name) {
        return Optional.ofNullable(limiters.get(name));
    }

    @Override
    public RateLimiterHandle get(String name) {
        SharedRateLimiter l = limiters.get(name);
        if (l == null) {
            throw new NoSuchElementException("No rate limiter named '" + name + "'; known: "
                    + new TreeSet<>(limiters.keySet()));
        }
        return l;
    }

    @Override
    public Collection<RateLimiterHandle> all() {
        List<RateLimiterHandle> all = new ArrayList<>(limiters.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(all);
    }
}
