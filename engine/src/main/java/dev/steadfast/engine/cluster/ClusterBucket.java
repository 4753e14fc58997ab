package dev.steadfast.engine.cluster;

import dev.steadfast.ClusterStatus;
import dev.steadfast.FleetQuotaView;
import dev.steadfast.RateLimitType;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.ratelimit.RateLimiter;
import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.Grant;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A fleet-wide {@code SMOOTH} rate limit: one token bucket ({@code limit} tokens, one back every
 * {@code window / limit}) shared by every member, with no network call per call.
 *
 * <p>Members take tokens in chunks ({@link dev.steadfast.spi.cluster.QuotaStore#take}) and must spend them within the
 * bucket's hold time ({@code min(window / 10, (limit - 1) × interval / 2)}) of asking, or drop them. The bucket charges
 * taken tokens as if spent at the end of their hold ({@link dev.steadfast.spi.cluster.QuotaRules#take}), so the fleet
 * together never admits more than one bucket of {@code limit} tokens would: in any span {@code t}, at most
 * {@code limit + t / interval}. The price is a burst that starts a little below {@code limit} (by the tokens one hold
 * refills).
 *
 * <p>Degraded: a local bucket of {@code limit / members} tokens decides until the backend answers again.
 */
final class ClusterBucket implements RateLimiter, FleetLimiter {

    private final String name;
    private final int limit;
    private final long window;
    private final Bucket bucket;
    private final long holdNanos;
    private final long tokenNanos;
    private final ClusterRuntime runtime;
    private final LongSupplier demand;
    private final AtomicReference<Lease> current;
    /** The local bucket while degraded; {@code null} while the fleet's bucket decides. */
    private volatile RateLimiter fallback;
    private volatile int lowWater = 1;
    private volatile long hintNanos = 1_000_000L;

    /** What views read ({@link #fleet()}); rebuilt by the worker every tick. */
    private volatile FleetQuotaView view;

    // Worker-confined.
    private long sequence;
    private final DemandRate demandRate;
    private boolean inFlight;
    private boolean waiting;

    ClusterBucket(String name, RateLimitPolicy policy, ClusterRuntime runtime, LongSupplier demand) {
        this.name = name;
        this.limit = policy.limit();
        this.window = policy.windowNanos();
        this.runtime = runtime;
        this.demand = demand;
        long intervalMicros = Math.max(1, (policy.windowNanos() / limit + 999) / 1000);
        long holdMicros = Math.min(policy.windowNanos() / 10_000, (limit - 1) * intervalMicros / 2);
        this.bucket = new Bucket(limit, intervalMicros, holdMicros);
        this.holdNanos = holdMicros * 1000;
        this.tokenNanos = intervalMicros * 1000;
        long now = runtime.clock().nanoTime();
        Lease none = new Lease(0, now, now, true, 0);
        this.current = new AtomicReference<>(none);
        this.demandRate = new DemandRate(now);
        this.fallback = localBucket(runtime.members());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The call path

    @Override
    public long tryAcquire(long now) {
        RateLimiter local = fallback;
        if (local != null) {
            return local.tryAcquire(now);
        }
        Lease l = current.get();
        if (!l.over(now) && l.take()) {
            if (l.permits.get() < lowWater) {
                ask(l);
            }
            return 0;
        }
        ask(l);
        return Math.max(1, l.empty ? tokenNanos : hintNanos);
    }

    private void ask(Lease l) {
        if (!l.asked.get() && l.asked.compareAndSet(false, true)) {
            runtime.execute(this::refill);
        }
    }

    @Override
    public int available(long now) {
        RateLimiter local = fallback;
        if (local != null) {
            return local.available(now);
        }
        Lease l = current.get();
        long held = l.over(now) ? 0 : l.permits.get();
        return (int) Math.min(limit, held + Math.max(0, l.fleetLeft));
    }

    @Override
    public ClusterStatus clusterStatus() {
        return runtime.connected() && fallback == null ? ClusterStatus.CONNECTED : ClusterStatus.DEGRADED;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The exchange (worker)

    @Override
    public void tick(long now) {
        upkeep(now);
        refreshView(now);
    }

    @Override
    public Optional<FleetQuotaView> fleet() {
        return Optional.ofNullable(view);
    }

    /**
     * Copies the current window's lease into {@link #view}, on the worker once per tick: a new immutable copy each
     * time, so readers on other threads never touch the worker-confined fields.
     */
    private void refreshView(long now) {
        Lease l = current.get();
        long held = l.over(now) ? 0 : l.permits.get();
        long leased = l.over(now) ? 0 : l.granted;
        view = new FleetQuotaView(runtime.member(), clusterStatus(), runtime.members(), limit, leased,
                Math.max(0, leased - held), -1);
    }

    private void upkeep(long now) {
        demandRate.sample(demand.getAsLong(), now, runtime.intervalNanos());
        double rate = demandRate.perNano();
        lowWater = LeaseSizing.lowWater(rate, horizon());
        hintNanos = runtime.rttNanos();
        if (fallback == null && rate > 0) {
            Lease l = current.get();
            if (l.over(now + horizon()) || l.permits.get() < lowWater) {
                refill();
            }
        }
    }

    private long horizon() {
        return Math.max(2 * runtime.rttNanos(), 2_000_000L);
    }

    /**
     * Takes tokens for the next calls: added to the current lease while half of its hold is left (they then expire
     * with it, early rather than late), else in a new lease held from the moment of asking.
     */
    private void refill() {
        if (fallback != null || !runtime.connected() || inFlight || waiting) {
            return;
        }
        Lease l = current.get();
        long asked = runtime.clock().nanoTime();
        long fleetLeft = l.fleetLeft >= 0 && !l.over(asked) ? l.fleetLeft : limit;
        int want = LeaseSizing.want(demandRate.perNano(), horizon(), fleetLeft, runtime.members(), limit);
        long nowMicros = Math.floorDiv(runtime.wallNanos(), 1000);
        inFlight = true;
        ClusterBackend b = runtime.backend();
        runtime.call(() -> b.quotas().take(name, want, bucket, nowMicros), (Grant g) -> {
            inFlight = false;
            long now = runtime.clock().nanoTime();
            Lease cur = current.get();
            if (g.granted() > 0) {
                if (!cur.over(now) && cur.end - now >= holdNanos / 2) {
                    cur.permits.addAndGet(g.granted());
                    cur.granted += g.granted();
                    cur.fleetLeft = g.remaining();
                    cur.asked.set(false);
                } else {
                    Lease fresh = new Lease(++sequence, asked, asked + holdNanos, true, g.granted());
                    fresh.fleetLeft = g.remaining();
                    current.set(fresh);
                }
            } else {
                cur.fleetLeft = 0;
                cur.empty = true;
            }
            if (g.remaining() == 0) {
                // Nothing more now: ask again when the next token is due, not at every call.
                waiting = true;
                runtime.later(tokenNanos, () -> {
                    waiting = false;
                    current.get().empty = false;
                    current.get().asked.set(false);
                });
            } else if (g.granted() == 0) {
                cur.asked.set(false);
            }
        }, () -> {
            inFlight = false;
            current.get().asked.set(false);
        });
    }

    private RateLimiter localBucket(int members) {
        int share = Math.max(1, limit / Math.max(1, members));
        return RateLimiter.create(new RateLimitPolicy(share, window, 0, RateLimitType.SMOOTH),
                runtime.clock().nanoTime());
    }

    @Override
    public void degrade(int members) {
        if (fallback == null) {
            fallback = localBucket(members);
        }
    }

    @Override
    public void rejoin() {
        fallback = null;
        current.get().asked.set(false);
    }

    /** Tokens need not go back: they lapse at the end of their hold, which the bucket has already charged. */
    @Override
    public void stop(ClusterBackend backend) {
    }

    @Override
    public String toString() {
        return "ClusterBucket[" + name + "]";
    }
}
