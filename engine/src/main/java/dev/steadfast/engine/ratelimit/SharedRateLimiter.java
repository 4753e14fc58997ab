package dev.steadfast.engine.ratelimit;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitType;
import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiterStats;
import dev.steadfast.Scope;
import dev.steadfast.engine.time.Clock;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One rate limiter as the registry holds it: the {@link RateLimiter} every strategy naming it asks (one per name, or
 * one per method when unnamed), the counters of what it admitted and rejected, and the operator's
 * {@link RateLimiterHandle}. Thread-safe; an admitted call costs the limiter's decision and, for a registered limiter,
 * one counter increment.
 */
public final class SharedRateLimiter implements RateLimiterHandle {

    private final String name;
    private final RateLimitPolicy policy;
    private final Clock clock;
    /** Makes a fresh limiter for {@link #rebuild()}; {@code null} for one that cannot be rebuilt (fleet-wide). */
    private final Supplier<RateLimiter> factory;
    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    /** Whether calls are counted: a limiter nobody can see (a chain's own) skips the counters. */
    private final boolean counted;
    private volatile RateLimiter limiter;

    /**
     * @param name    the registry name (or the method, for a limiter nobody shares)
     * @param policy  its rules
     * @param limiter the decisions
     * @param factory makes a fresh limiter when test support {@linkplain #rebuild() rebuilds} it; {@code null} when
     *                it must keep its state (a fleet-wide limiter's leases)
     * @param clock   for the current window in {@link #stats()}
     */
    public SharedRateLimiter(String name, RateLimitPolicy policy, RateLimiter limiter, Supplier<RateLimiter> factory,
            Clock clock) {
        this(name, policy, limiter, factory, clock, true);
    }

    private SharedRateLimiter(String name, RateLimitPolicy policy, RateLimiter limiter, Supplier<RateLimiter> factory,
            Clock clock, boolean counted) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.factory = factory;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counted = counted;
    }

    /**
     * A fleet-wide limiter: {@code make} builds its decisions given the limiter's demand (calls asked so far), which
     * sizes its leases; it is never rebuilt.
     */
    public static SharedRateLimiter fleetWide(String name, RateLimitPolicy policy,
            Function<LongSupplier, RateLimiter> make, Clock clock) {
        return new SharedRateLimiter(name, policy, make, clock);
    }

    private SharedRateLimiter(String name, RateLimitPolicy policy, Function<LongSupplier, RateLimiter> make,
            Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.factory = null;
        this.counted = true;
        // The counters exist already; the demand they give is read later, by the exchange.
        this.limiter = Objects.requireNonNull(make.apply(this::attempts), "limiter");
    }

    /** A local limiter for {@code policy}, its windows starting now, rebuilt by {@link #rebuild()} from then on. */
    public static SharedRateLimiter local(String name, RateLimitPolicy policy, Clock clock) {
        Supplier<RateLimiter> fresh = () -> RateLimiter.create(policy, clock.nanoTime());
        return new SharedRateLimiter(name, policy, fresh.get(), fresh, clock, true);
    }

    /**
     * The limiter of one chain alone, in no registry (a programmatic guard's unnamed limit): it keeps no counters, so
     * an admission costs exactly the limiter's decision; its {@link #stats()} count nothing.
     */
    static SharedRateLimiter unregistered(String name, RateLimitPolicy policy, Clock clock) {
        return new SharedRateLimiter(name, policy, RateLimiter.create(policy, clock.nanoTime()), null, clock, false);
    }

    /**
     * Takes a permit at {@code nowNanos} if one is free, and counts the answer.
     *
     * @return {@code 0} when admitted, else the nanoseconds until a permit is free (at least 1)
     */
    public long tryAcquire(long nowNanos) {
        long wait = limiter.tryAcquire(nowNanos);
        if (counted) {
            (wait == 0 ? admitted : rejected).increment();
        }
        return wait;
    }

    /** The permits a call could take at {@code nowNanos}, from 0 to the limit; for views, never for decisions. */
    public int available(long nowNanos) {
        return limiter.available(nowNanos);
    }

    /** Calls that asked so far: what a fleet-wide limiter sizes its leases by. */
    public long attempts() {
        return admitted.sum() + rejected.sum();
    }

    /** The rules it was built with. */
    public RateLimitPolicy policy() {
        return policy;
    }

    /** The limiter that decides now. */
    public RateLimiter limiter() {
        return limiter;
    }

    /**
     * For test support (an engine under a hook): a fresh limiter, all permits free from now, and zeroed counters.
     * Does nothing to a fleet-wide limiter, whose permits are leased from the fleet.
     */
    public void rebuild() {
        if (factory != null) {
            limiter = factory.get();
            admitted.reset();
            rejected.reset();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RateLimitType type() {
        return policy.type();
    }

    @Override
    public int limit() {
        return policy.limit();
    }

    @Override
    public Duration window() {
        return Duration.ofNanos(policy.windowNanos());
    }

    @Override
    public Scope scope() {
        return policy.scope();
    }

    @Override
    public ClusterStatus clusterStatus() {
        return limiter.clusterStatus();
    }

    @Override
    public java.util.Optional<dev.steadfast.FleetQuotaView> fleet() {
        return limiter.fleet();
    }

    @Override
    public RateLimiterStats stats() {
        long left = Math.min(policy.limit(), available(clock.nanoTime()));
        return new RateLimiterStats(admitted.sum(), rejected.sum(), policy.limit() - left, left);
    }

    @Override
    public String toString() {
        return "RateLimiter[" + name + ", " + policy + "]";
    }
}
