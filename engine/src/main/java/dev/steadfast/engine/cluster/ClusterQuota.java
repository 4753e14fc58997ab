package dev.steadfast.engine.cluster;

import dev.steadfast.ClusterStatus;
import dev.steadfast.FleetQuotaView;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.ratelimit.RateLimiter;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.Grant;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A fleet-wide {@code FIXED} rate limit: at most {@code limit} calls per window across every member, exactly, with no
 * network call per call.
 *
 * <p><b>Windows</b> are numbered by wall-clock time, {@code floor(epoch nanos / window)}, so every member counts the same
 * windows (as far as their clocks agree; see {@code docs/cluster.md}). For each window the backend keeps the permits
 * granted so far and never grants beyond {@code limit}; a member admits a call only from permits it was granted for
 * the window its clock is in. So however the leases fall, however members join, leave or die, and whatever answers
 * are lost, no window admits more than {@code limit}: a lost answer or a dead member can only leave permits unspent.
 *
 * <p><b>Leases</b> are sized to the member's recent demand ({@link LeaseSizing}), refilled off the call path when a
 * call finds the permits below the low-water mark (it queues a refill once and goes on), leased for the next window
 * shortly before it starts, given back when the fleet has run out and this member holds more than it will use, and
 * given back when the application stops.
 *
 * <p><b>Degraded</b>: while the backend is lost each window gets {@code limit / members} permits locally (the current
 * one topped up to that share minus what it already admitted); when the backend answers again the current window's
 * local admissions are charged to the fleet and leasing resumes at once.
 *
 * <p>{@link #tryAcquire} is the call path: a volatile read, a clock comparison and one CAS; a new window costs one
 * small allocation, once per window.
 */
final class ClusterQuota implements RateLimiter, FleetLimiter {

    private final String name;
    private final int limit;
    private final long window;
    private final ClusterRuntime runtime;
    private final LongSupplier demand;
    private final AtomicReference<Lease> current;
    /** The next window's lease, taken ahead of its start; {@code null} when none. */
    private final AtomicReference<Lease> next = new AtomicReference<>();
    /** Whether windows get the local share (the backend is lost or not reached yet). */
    private volatile boolean local = true;
    private volatile int share;
    /** Below this many permits a call asks for a refill. */
    private volatile int lowWater = 1;
    /** What a call rejected while a refill is on its way should wait: one round trip. */
    private volatile long hintNanos = 1_000_000L;

    /** What views read ({@link #fleet()}); rebuilt by the worker every tick. */
    private volatile FleetQuotaView view;

    // Worker-confined.
    private final DemandRate demandRate;
    private long lastDemandNanos;

    ClusterQuota(String name, RateLimitPolicy policy, ClusterRuntime runtime, LongSupplier demand) {
        this.name = name;
        this.limit = policy.limit();
        this.window = policy.windowNanos();
        this.runtime = runtime;
        this.demand = demand;
        this.share = Math.max(1, limit / Math.max(1, runtime.members()));
        long now = runtime.clock().nanoTime();
        this.demandRate = new DemandRate(now);
        this.current = new AtomicReference<>(newLease(indexOf(now)));
        this.lastDemandNanos = now; // a new limiter expects calls: it holds a permit from the start
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The call path

    @Override
    public long tryAcquire(long now) {
        Lease l = current.get();
        if (l.over(now)) {
            l = roll(now);
        }
        if (l.take()) {
            if (l.fleet && l.permits.get() < lowWater) {
                ask(l);
            }
            return 0;
        }
        if (l.fleet) {
            ask(l);
            if (!l.empty) {
                return Math.max(1, Math.min(hintNanos, l.end - now));
            }
        }
        return Math.max(1, l.end - now);
    }

    /** Queues one refill for {@code l}; calls that find it queued go on without queuing another. */
    private void ask(Lease l) {
        if (!l.asked.get() && l.asked.compareAndSet(false, true)) {
            runtime.execute(() -> refill(l));
        }
    }

    /**
     * Moves {@link #current} to the window {@code now} is in: the lease taken ahead for it, or a new one (the local
     * share while degraded, else empty until the exchange fills it).
     *
     * <p>Why the new lease goes through {@link #next} first: the worker puts a lease taken ahead into {@code next} only
     * while it is empty, from a reading of {@code current} that a call may have overtaken since. Were a call to
     * install a new lease for the same window straight into {@code current}, the worker's could still land in
     * {@code next} afterwards and lease permits that no call would ever spend (a fair share of the quota lost for the
     * window). So every lease reaches {@code current} from {@code next} (one CAS each), and {@code next} never holds
     * two leases of one window: whoever comes second finds the slot taken and uses (or leaves) what is there. The
     * worker clears {@code next} once its lease has become current.
     */
    private Lease roll(long now) {
        while (true) {
            Lease cur = current.get();
            if (!cur.over(now)) {
                return cur;
            }
            long index = indexOf(now);
            Lease ahead = next.get();
            Lease fresh;
            if (ahead != null && ahead.index == index) {
                fresh = ahead;
            } else if (ahead != null && ahead.index > index) {
                // Taken ahead for a later window (the wall clock stepped back since): it waits for its window.
                fresh = newLease(index);
            } else {
                fresh = newLease(index);
                if (!next.compareAndSet(ahead, fresh)) {
                    continue; // the worker or another call put a lease there: look again
                }
            }
            if (current.compareAndSet(cur, fresh)) {
                return fresh;
            }
        }
    }

    private Lease newLease(long index) {
        long start = runtime.localNanos(index * window);
        boolean fromFleet = !local;
        return new Lease(index, start, start + window, fromFleet, fromFleet ? 0 : share);
    }

    private long indexOf(long now) {
        return Math.floorDiv(now + runtime.offsetNanos(), window);
    }

    /** The lease calls spend from now (for tests and views). */
    Lease currentLease() {
        return current.get();
    }

    @Override
    public int available(long now) {
        Lease l = current.get();
        if (l.over(now)) {
            return (int) (local ? share : Math.max(0, limit));
        }
        long left = l.permits.get() + (l.fleet && l.fleetLeft > 0 ? l.fleetLeft : 0);
        return (int) Math.min(limit, left);
    }

    @Override
    public ClusterStatus clusterStatus() {
        return runtime.connected() && !local ? ClusterStatus.CONNECTED : ClusterStatus.DEGRADED;
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
                Math.max(0, leased - held), l.fleet ? l.fleetLeft : -1);
    }

    private void upkeep(long now) {
        sampleDemand(now);
        upkeep(current.get().over(now) ? roll(now) : current.get(), now);
    }

    /**
     * The worker's care of {@code l}, the lease it read as current at {@code now}: calls may have moved past it since
     * (package-private so that a test can take that race's side deterministically).
     */
    void upkeep(Lease l, long now) {
        if (!l.fleet || !runtime.connected()) {
            return;
        }
        if (holdsIdle(now)) {
            refill(l);
        }
        giveBackSurplus(l, now);
        leaseAhead(l, now);
    }

    /**
     * Whether this member keeps at least one permit even without calls waiting: while it called in the last ten
     * windows, or while the quota is large enough that one idle permit per member strands at most 2.5% of it. A member
     * that holds none rejects its first call (retry after one round trip) and leases.
     */
    private boolean holdsIdle(long now) {
        return now - lastDemandNanos < 10 * window || limit >= 40 * runtime.members();
    }

    private void sampleDemand(long now) {
        if (demandRate.sample(demand.getAsLong(), now, runtime.intervalNanos())) {
            lastDemandNanos = now;
        }
        long horizon = horizon();
        lowWater = LeaseSizing.lowWater(demandRate.perNano(), horizon);
        hintNanos = runtime.rttNanos();
    }

    private long horizon() {
        return Math.max(2 * runtime.rttNanos(), 2_000_000L);
    }

    /** Leases more for {@code l} when it holds less than a refill takes to arrive. */
    private void refill(Lease l) {
        long now = runtime.clock().nanoTime();
        if (!runtime.connected() || !l.fleet || l.over(now) || l.inFlight || l.empty) {
            // `asked` stays set: the answer in flight clears it, an empty window keeps it so that calls stop asking,
            // and rejoining or a new window starts afresh
            return;
        }
        long held = l.permits.get();
        if (held >= lowWater && !l.asked.get()) {
            return;
        }
        int want = LeaseSizing.want(demandRate.perNano(), horizon(), l.fleetLeft >= 0 ? l.fleetLeft : limit,
                runtime.members(), limit);
        lease(l, want, false);
    }

    /**
     * Asks the fleet for {@code want} permits of {@code l}'s window. A {@code charge} asks for permits this member
     * already spent on its local share: granted, they are counted and not added.
     */
    private void lease(Lease l, int want, boolean charge) {
        l.inFlight = true;
        ClusterBackend b = runtime.backend();
        runtime.call(() -> b.quotas().lease(name, l.index, want, limit, ttl(l)), (Grant g) -> {
            l.inFlight = false;
            if (!charge) {
                l.granted += g.granted();
                l.permits.addAndGet(g.granted());
            }
            l.fleetLeft = g.remaining();
            if (g.remaining() == 0) {
                l.empty = true;
                l.asked.set(true); // nothing more this window: calls need not ask
            } else {
                l.asked.set(false);
                if (l.permits.get() < lowWater && !l.over(runtime.clock().nanoTime()) && l == current.get()) {
                    refill(l);
                }
            }
        }, () -> {
            l.inFlight = false;
            l.asked.set(false);
        });
    }

    /** The entry lives for the rest of its window and one more, so no member can see it vanish while it counts. */
    private Duration ttl(Lease l) {
        long left = Math.max(0, l.end - runtime.clock().nanoTime());
        return Duration.ofNanos(left + window + 1_000_000_000L);
    }

    /** When the fleet has run out, permits this member will not spend go back for others. */
    private void giveBackSurplus(Lease l, long now) {
        if (!l.empty) {
            return;
        }
        long held = l.permits.get();
        long surplus = LeaseSizing.surplus(held, demandRate.perNano(), l.end - now);
        if (surplus <= 0 || !l.permits.compareAndSet(held, held - surplus)) {
            return;
        }
        l.granted -= surplus;
        l.empty = false;
        l.fleetLeft = surplus;
        l.asked.set(false);
        int n = (int) Math.min(Integer.MAX_VALUE, surplus);
        ClusterBackend b = runtime.backend();
        runtime.call(() -> b.quotas().release(name, l.index, n, ttl(l)), ignored -> { });
    }

    /**
     * Shortly before the window ends (a tick and a round trip before), leases for the next one, so its first calls
     * find permits: sized to the demand, at least one while this member called in the last ten windows, or while the
     * quota is large enough that one idle permit per member strands at most 2.5% of it.
     */
    private void leaseAhead(Lease l, long now) {
        Lease stale = next.get();
        if (stale != null && stale.index <= l.index) {
            next.compareAndSet(stale, null); // current now, or a window skipped without calls
        }
        if (next.get() != null || now - (l.end - runtime.intervalNanos() - 2 * runtime.rttNanos()) < 0) {
            return;
        }
        if (!holdsIdle(now)) {
            return;
        }
        boolean recent = now - lastDemandNanos < 10 * window;
        long start = l.end;
        Lease ahead = new Lease(l.index + 1, start, start + window, true, 0);
        if (!next.compareAndSet(null, ahead)) {
            return;
        }
        int want = recent ? LeaseSizing.want(demandRate.perNano(), horizon(), limit, runtime.members(), limit) : 1;
        lease(ahead, want, false);
    }

    @Override
    public void degrade(int members) {
        int s = Math.max(1, limit / Math.max(1, members));
        share = s;
        local = true;
        toLocalShare(current.get(), s);
        Lease ahead = next.get();
        if (ahead != null) {
            toLocalShare(ahead, s);
        }
    }

    /** The rest of a fleet lease's window: the share, less what it already admitted; what it holds stays its own. */
    private static void toLocalShare(Lease l, int share) {
        if (!l.fleet) {
            return;
        }
        long held = l.permits.get();
        long spent = l.granted - held;
        long top = share - spent - held;
        if (top > 0) {
            l.permits.addAndGet(top);
            l.granted += top;
        }
        l.fleet = false;
    }

    @Override
    public void rejoin() {
        local = false;
        Lease l = current.get();
        long now = runtime.clock().nanoTime();
        if (l.fleet || l.over(now)) {
            return;
        }
        // The local share of this window ends here: what it admitted is charged to the fleet, then it leases.
        long held = l.permits.getAndSet(0);
        long spent = l.granted - held;
        l.granted = spent;
        l.fleet = true;
        l.empty = false;
        l.asked.set(false);
        if (spent > 0) {
            lease(l, (int) Math.min(Integer.MAX_VALUE, spent), true);
        }
    }

    @Override
    public void stop(ClusterBackend backend) {
        long now = runtime.clock().nanoTime();
        giveBack(backend, current.get(), now);
        Lease ahead = next.get();
        if (ahead != null) {
            giveBack(backend, ahead, now);
        }
    }

    private void giveBack(ClusterBackend backend, Lease l, long now) {
        if (!l.fleet || l.over(now)) {
            return;
        }
        long held = l.permits.getAndSet(0);
        if (held > 0) {
            backend.quotas().release(name, l.index, (int) Math.min(Integer.MAX_VALUE, held), ttl(l));
        }
    }

    @Override
    public String toString() {
        return "ClusterQuota[" + name + "]";
    }
}
