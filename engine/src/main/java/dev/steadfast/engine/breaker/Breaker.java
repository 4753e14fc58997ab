package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.ClusterStatus;
import dev.steadfast.Scope;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;

/**
 * The shared state of one circuit breaker: one instance per breaker name, used by every strategy (every method) that
 * names it, and the operator's {@link CircuitBreakerHandle} for it. Thread-safe and lock-free.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li><b>CLOSED</b>: calls pass; their outcomes fill a rolling window of the last {@code requestVolumeThreshold}
 *     outcomes. No decision is taken before the window has filled once; from then on the breaker opens as soon as
 *     the window holds {@link BreakerPolicy#failureThreshold()} failures (the smallest count {@code k >= 1} with
 *     {@code k / requestVolumeThreshold >= failureRatio}; a ratio of 0 therefore opens on one failure in a full
 *     window).</li>
 * <li>What counts as a failure: a failure matched by {@code failOn} and not by {@code skipOn}, or a call that returned
 *     normally but took longer than {@code slowCallThreshold}. Any other failure counts as a success.</li>
 * <li><b>OPEN</b>: calls are rejected with {@link CircuitOpenException} ({@code getRetryAfter()} = time left until
 *     HALF_OPEN). After {@code delay} it becomes HALF_OPEN: a {@link Timer} task scheduled when it opened does it
 *     without traffic, and a call that finds the delay passed (a late or shut-down timer) does it itself.</li>
 * <li><b>HALF_OPEN</b>: at most {@code halfOpenMaxCalls} trial calls run at once; others are rejected with state
 *     HALF_OPEN and a zero {@code retryAfter}. {@code successThreshold} trial successes close it with a fresh window;
 *     any trial failure reopens it for another {@code delay}. A trial call whose outcome never arrives (a stage that
 *     never completes) keeps its slot; an inner timeout prevents that.</li>
 * <li><b>FORCED_OPEN</b> ({@link #forceOpen()}): every call is rejected until {@link #reset()}; the exception's
 *     {@code retryAfter} is {@link Duration#ZERO}, since only an operator knows when it ends. The timer does not
 *     move it.</li>
 * <li>Every state (and every reset) starts a new <em>epoch</em>. A call's outcome counts in the window or as a trial
 *     only if the breaker is still in the epoch the call started in; the outcome of a call that started CLOSED and
 *     ended after the breaker opened, or that straddled a reset, is ignored by the state machine (it still counts in
 *     {@link #stats()}).</li>
 * </ul>
 *
 * <h2>Protocol for strategies</h2>
 * {@link #tryAcquire()} returns a permit, a {@code long} so that the CLOSED path allocates nothing. A negative permit
 * means rejected: the call must not run, and {@link #rejection(long)} builds the exception. Otherwise the call runs and
 * exactly one of {@link #onSuccess}, {@link #onFailure} or {@link #release} reports its outcome with that permit.
 *
 * <h2>Operator view</h2>
 * {@link #stats()} counts calls as they finish (a call in flight is not yet counted), so {@code totalCalls} is always
 * {@code successful + failed + rejected}. {@link #reset()} clears the counters and the window but keeps the
 * {@link #transitions()} history (the reset itself is the newest entry when it changed the state). Every state change
 * is announced to the {@link EngineListener} exactly once and in the order the changes happened, even when several
 * threads change the state at once; a listener that throws is logged and does not break the call that caused the
 * change.
 *
 * <h2>Fleet-wide breakers</h2>
 * A {@link dev.steadfast.Scope#CLUSTER} breaker is {@linkplain #link linked} to its fleet. It keeps every rule above on
 * the call path; what the fleet adds comes through {@link #applyFleet} (an OPEN with the fleet's until-time, a CLOSED
 * after the fleet's trials, an operator's FORCED_OPEN or reset, each announced with the origin member) and, while the
 * link is {@linkplain FleetLink#attached() attached}, two changes to HALF_OPEN: a trial needs a slot the fleet granted
 * ({@link #grantTrialSlot}), and a trial's outcome goes to the fleet, which closes every member; a failed trial
 * reopens this breaker at once. While the link is detached (the cluster backend is lost) the local rules apply in
 * full.
 */
public final class Breaker implements CircuitBreakerHandle {

    /** Transitions kept for {@link #transitions()}. */
    public static final int HISTORY = 32;

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    private static final CircuitState[] STATES = CircuitState.values();

    private final String name;
    private final BreakerPolicy policy;
    private final int failureThreshold;
    private final Clock clock;
    private final Timer timer;
    private final EngineListener listener;
    /**
     * The whole state, replaced by compare-and-set ({@link #STATE}); a plain volatile field rather than an
     * {@code AtomicReference}, which would be one more object per breaker.
     */
    private volatile State state;
    /** The fleet of a {@code CLUSTER} breaker; {@code null} for a local one (and until the exchange links it). */
    private volatile FleetLink link;

    // Announcements, in the order of the state changes (see announce()).
    // The queues are created with the first state change: most breakers never change state, and these would be most
    // of a CLOSED breaker's footprint.
    /** Changes waiting to be announced; created once by the first change ({@link #UNANNOUNCED}). */
    private volatile ConcurrentLinkedQueue<Change> unannounced;
    /** Drain requests ({@link #ANNOUNCING}); see {@link #announce()}. */
    private volatile int announcing;
    private PriorityQueue<Change> early; // touched only by the announcing thread, which creates it
    private long announced; // sequence number of the last change announced; only the announcing thread

    private static final VarHandle STATE;
    private static final VarHandle UNANNOUNCED;
    private static final VarHandle ANNOUNCING;
    private static final StateTransition[] NO_HISTORY = new StateTransition[0];

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Breaker.class, "state", State.class);
            UNANNOUNCED = lookup.findVarHandle(Breaker.class, "unannounced", ConcurrentLinkedQueue.class);
            ANNOUNCING = lookup.findVarHandle(Breaker.class, "announcing", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A CLOSED breaker with an empty window.
     *
     * @param name     the registry name: the breaker's name, or {@code <fully.qualified.Class>#<method>}
     * @param policy   its rules
     * @param clock    measures the OPEN delay and stamps the transitions
     * @param timer    moves it from OPEN to HALF_OPEN without traffic
     * @param listener hears every state change
     */
    public Breaker(String name, BreakerPolicy policy, Clock clock, Timer timer, EngineListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.failureThreshold = policy.failureThreshold();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.state = new State(CLOSED, 0, newWindow(), 0, 0, 0, new Counters(0), 0, NO_HISTORY, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strategies

    /** Whether {@code permit}, from {@link #tryAcquire()}, lets the call run. */
    public static boolean admitted(long permit) {
        return permit >= 0;
    }

    /**
     * Asks to run one call. Allocation-free and lock-free while CLOSED. A rejection is counted in {@link #stats()}
     * here; announcing it ({@code callRejected}) is the strategy's job, since only the strategy knows the method.
     *
     * @return a permit: {@linkplain #admitted(long) admitted} (non-negative), to be passed to exactly one of
     *         {@link #onSuccess}/{@link #onFailure}/{@link #release}; or negative, for {@link #rejection(long)}
     */
    public long tryAcquire() {
        while (true) {
            // Read once: every decision below uses this snapshot, never `state` again, so a concurrent change can
            // only make our CAS fail (and we re-read), never mix two states.
            State s = state;
            switch (s.circuit) {
                case CLOSED:
                    return s.epoch << 1;
                case OPEN:
                    if (clock.nanoTime() - s.openedAt >= policy.delayNanos()) {
                        publish(s, s.halfOpen(clock.instant()));
                        continue; // whoever won, the breaker has left this OPEN state
                    }
                    return reject(s);
                case HALF_OPEN:
                    // The fleet's HALF_OPEN admits only the trials whose slots the fleet granted this member.
                    Fleet f = s.fleet;
                    FleetLink l = f == null ? null : link;
                    boolean fleetTrials = l != null && l.attached();
                    if (s.trials >= (fleetTrials ? f.slots : policy.halfOpenMaxCalls())) {
                        if (fleetTrials) {
                            l.trialWanted(f.generation);
                        }
                        return reject(s);
                    }
                    if (STATE.compareAndSet(this, s, s.withTrials(s.trials + 1, s.trialSuccesses))) {
                        return s.epoch << 1 | 1;
                    }
                    continue;
                default:
                    return reject(s);
            }
        }
    }

    /**
     * The exception for a rejected permit: the state that rejected the call and, when OPEN, the time left until
     * HALF_OPEN (zero if the breaker has left that OPEN state since).
     */
    public CircuitOpenException rejection(long permit) {
        if (admitted(permit)) {
            throw new IllegalArgumentException("permit " + permit + " was admitted, not rejected");
        }
        long code = ~permit;
        CircuitState rejectedBy = STATES[(int) (code & 3)];
        long epoch = code >>> 2;
        Duration retryAfter = Duration.ZERO;
        if (rejectedBy == OPEN) {
            State s = state;
            if (s.epoch == epoch) {
                retryAfter = Duration.ofNanos(Math.max(0, s.openedAt + policy.delayNanos() - clock.nanoTime()));
            }
        }
        return new CircuitOpenException(name, rejectedBy, retryAfter);
    }

    /**
     * The admitted call returned normally after {@code durationNanos}; it counts as a failure if it was slow. Never
     * throws (a listener that throws is contained).
     */
    public void onSuccess(long permit, long durationNanos) {
        record(permit, policy.isSlow(durationNanos));
    }

    /**
     * The admitted call failed with {@code failure} after {@code durationNanos}; it counts as a failure only if
     * {@code failOn} matches and {@code skipOn} does not. Never throws.
     */
    public void onFailure(long permit, Throwable failure, long durationNanos) {
        record(permit, policy.failOn().test(failure));
    }

    /**
     * The admitted call ended in a way that says nothing about the dependency (a {@code VirtualMachineError}, the
     * caller's interrupt or cancellation, Steadfast's own rejection below the breaker; see
     * {@link dev.steadfast.engine.FailureRule}): it is not counted at all, neither in the window nor in
     * {@link #stats()}, and a HALF_OPEN trial gives its slot back without deciding anything. Never throws.
     */
    public void release(long permit) {
        if (!admitted(permit)) {
            throw new IllegalArgumentException("a rejected call has no outcome: permit " + permit);
        }
        if ((permit & 1) == 0) {
            return; // a CLOSED call holds nothing
        }
        long epoch = permit >>> 1;
        // As for a trial's outcome: HALF_OPEN snapshots are replaced within an epoch, so retry our CAS on the current
        // one until it lands or the epoch (and with it the slot) is gone.
        for (State s = state; s.epoch == epoch; s = state) {
            if (STATE.compareAndSet(this, s, s.withTrials(s.trials - 1, s.trialSuccesses))) {
                return;
            }
        }
    }

    private long reject(State s) {
        s.counters.rejected.increment();
        return ~(s.epoch << 2 | s.circuit.ordinal());
    }

    private void record(long permit, boolean failure) {
        if (!admitted(permit)) {
            throw new IllegalArgumentException("a rejected call has no outcome: permit " + permit);
        }
        State s = state;
        (failure ? s.counters.failed : s.counters.successful).increment();
        long epoch = permit >>> 1;
        if ((permit & 1) == 0) {
            // A CLOSED state is never replaced within its epoch (its window is mutable, the snapshot is not), so an
            // equal epoch means `s` is the very state this call started in.
            if (s.epoch == epoch && s.window.record(failure)) {
                // The OPEN state keeps the window that opened it (frozen: no permit of its epoch is left), for the
                // fleet's summaries.
                publish(s, s.next(OPEN, s.window, clock.nanoTime(), clock.instant()));
            }
            return;
        }
        // A trial. HALF_OPEN snapshots are replaced within an epoch (trial counts), so loop until our CAS lands on
        // the current one or the epoch is gone.
        while (s.epoch == epoch) {
            Fleet f = s.fleet;
            FleetLink l = f == null ? null : link;
            if (l != null && l.attached()) {
                // The fleet's trial: its outcome goes to the fleet, which closes every member once enough trials
                // succeeded; a failure reopens this member at once, and the fleet after it.
                State next = failure ? s.next(OPEN, null, clock.nanoTime(), clock.instant())
                        : s.withTrials(s.trials - 1, s.trialSuccesses + 1)
                                .withFleet(f.withSlots(Math.max(0, f.slots - 1)));
                if (publish(s, next)) {
                    l.trialFinished(f.generation, !failure);
                    return;
                }
                s = state;
                continue;
            }
            State next;
            if (failure) {
                next = s.next(OPEN, null, clock.nanoTime(), clock.instant());
            } else if (s.trialSuccesses + 1 >= policy.successThreshold()) {
                next = s.next(CLOSED, newWindow(), 0, clock.instant());
            } else {
                next = s.withTrials(s.trials - 1, s.trialSuccesses + 1);
            }
            if (publish(s, next)) {
                return;
            }
            s = state;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operators

    @Override
    public String name() {
        return name;
    }

    /** The rules this breaker was built with. */
    public BreakerPolicy policy() {
        return policy;
    }

    @Override
    public CircuitState state() {
        return state.circuit;
    }

    /** When OPEN, the time left until HALF_OPEN (zero once due, before the timer or a call moved it); else empty. */
    @Override
    public Optional<Duration> retryAfter() {
        State s = state;
        if (s.circuit != OPEN) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, s.openedAt + policy.delayNanos() - clock.nanoTime())));
    }

    @Override
    public CircuitBreakerStats stats() {
        State s = state;
        Counters c = s.counters;
        long successful = c.successful.sum();
        long failed = c.failed.sum();
        long rejected = c.rejected.sum();
        return new CircuitBreakerStats(successful + failed + rejected, successful, failed, rejected,
                s.changes - c.changesBefore);
    }

    /** The last {@value #HISTORY} state transitions, oldest first, stamped with {@link Clock#instant()}. */
    @Override
    public List<StateTransition> transitions() {
        return List.of(state.history);
    }

    /**
     * Moves to CLOSED with a fresh window and cleared counters, from any state. Calls in flight report into the new
     * counters but not into the new window. From CLOSED it clears without a state change (nothing is announced). For
     * a fleet-wide breaker whose fleet is reachable, every member follows.
     */
    @Override
    public void reset() {
        reset(null);
        FleetLink l = link;
        if (l != null && l.attached()) {
            l.operatorAction(CLOSED);
        }
    }

    private void reset(Fleet fleet) {
        while (true) {
            State s = state;
            State next;
            if (s.circuit == CLOSED) {
                next = new State(CLOSED, s.epoch + 1, newWindow(), 0, 0, 0, new Counters(s.changes), s.changes,
                        s.history, fleet);
            } else {
                State moved = s.next(CLOSED, newWindow(), 0, clock.instant(), fleet);
                next = moved.withCounters(new Counters(moved.changes));
            }
            if (publish(s, next)) {
                return;
            }
        }
    }

    /**
     * Moves to FORCED_OPEN: every call is rejected until {@link #reset()}. Does nothing if already forced open. For a
     * fleet-wide breaker whose fleet is reachable, every member follows.
     */
    @Override
    public void forceOpen() {
        forceOpen(null);
        FleetLink l = link;
        if (l != null && l.attached()) {
            l.operatorAction(FORCED_OPEN);
        }
    }

    private void forceOpen(Fleet fleet) {
        while (true) {
            State s = state;
            if (s.circuit == FORCED_OPEN || publish(s, s.next(FORCED_OPEN, null, 0, clock.instant(), fleet))) {
                return;
            }
        }
    }

    @Override
    public Scope scope() {
        return policy.scope();
    }

    /** {@code LOCAL} unless linked to a fleet; then whether the fleet's decisions reach it now. */
    @Override
    public ClusterStatus clusterStatus() {
        FleetLink l = link;
        if (l == null) {
            return ClusterStatus.LOCAL;
        }
        return l.attached() ? ClusterStatus.CONNECTED : ClusterStatus.DEGRADED;
    }

    /** Empty unless linked to a fleet; then what the exchange knows of it (never a backend call). */
    @Override
    public java.util.Optional<dev.steadfast.FleetBreakerView> fleet() {
        FleetLink l = link;
        return l == null ? java.util.Optional.empty() : l.view();
    }

    @Override
    public String toString() {
        return "Breaker[" + name + ", " + state() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The fleet (CLUSTER breakers); called by the cluster exchange, never on a call's path

    /** Ties this breaker to its fleet; once, before calls flow. */
    public void link(FleetLink fleet) {
        this.link = Objects.requireNonNull(fleet, "fleet");
    }

    /**
     * Applies the fleet's decision {@code to}, taken by member {@code origin} in {@code generation}: the transition is
     * announced with that origin. An {@code OPEN} turns HALF_OPEN at {@code halfOpenAtNanos} on this breaker's clock
     * (the fleet's until-time, the same instant on every member); an OPEN breaker only moves its until-time (no
     * transition). A {@code HALF_OPEN} (what a member that joins may read) starts the fleet's trials here. A
     * {@code CLOSED} closes with a fresh window. An operator's {@code FORCED_OPEN} or {@code CLOSED} acts as
     * {@link #forceOpen()} or {@link #reset()} here (the reset clears the counters) without going back to the fleet.
     * Nothing but an operator's decision ends FORCED_OPEN.
     *
     * <p>Runs the listeners on the calling thread, like every transition; the exchange calls it on a thread that may
     * run them.
     */
    public void applyFleet(CircuitState to, long halfOpenAtNanos, String origin, long generation, boolean operator) {
        Fleet fleet = new Fleet(generation, origin, 0);
        if (operator) {
            if (to == FORCED_OPEN) {
                forceOpen(fleet);
            } else if (to == CLOSED) {
                reset(fleet);
            }
            return;
        }
        while (true) {
            State s = state;
            if (s.circuit == FORCED_OPEN) {
                return;
            }
            State next;
            switch (to) {
                case OPEN -> {
                    long openedAt = halfOpenAtNanos - policy.delayNanos();
                    if (s.circuit == OPEN) {
                        State moved = s.reopened(openedAt, fleet);
                        if (STATE.compareAndSet(this, s, moved)) {
                            s.cancelTimer();
                            scheduleHalfOpen(moved);
                            return;
                        }
                        continue;
                    }
                    next = s.next(OPEN, null, openedAt, clock.instant(), fleet);
                }
                case HALF_OPEN -> {
                    if (s.circuit == HALF_OPEN && s.fleet != null && s.fleet.generation == generation) {
                        return;
                    }
                    next = s.next(HALF_OPEN, null, 0, clock.instant(), fleet);
                }
                case CLOSED -> {
                    if (s.circuit == CLOSED) {
                        return;
                    }
                    next = s.next(CLOSED, newWindow(), 0, clock.instant(), fleet);
                }
                default -> {
                    return;
                }
            }
            if (publish(s, next)) {
                return;
            }
        }
    }

    /**
     * One more trial slot of the fleet's HALF_OPEN period of {@code generation} for this member.
     *
     * @return whether the breaker is still in that period (else the slot is not taken and should go back)
     */
    public boolean grantTrialSlot(long generation) {
        while (true) {
            State s = state;
            if (s.circuit != HALF_OPEN || s.fleet == null || s.fleet.generation != generation) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s.withFleet(s.fleet.withSlots(s.fleet.slots + 1)))) {
                return true;
            }
        }
    }

    /**
     * Takes back a slot of that period no call has started a trial on.
     *
     * @return whether one was free to take back (then it should go back to the fleet)
     */
    public boolean revokeTrialSlot(long generation) {
        while (true) {
            State s = state;
            if (s.circuit != HALF_OPEN || s.fleet == null || s.fleet.generation != generation
                    || s.fleet.slots <= s.trials) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s.withFleet(s.fleet.withSlots(s.fleet.slots - 1)))) {
                return true;
            }
        }
    }

    /**
     * The current CLOSED window, or the window that opened an OPEN breaker, as {@code calls << 32 | failures} (calls
     * up to {@code requestVolumeThreshold}); {@code -1} in other states. Exact when no call is recording; for the
     * fleet's summaries.
     */
    public long windowCounts() {
        State s = state;
        if (s.window == null) {
            return -1;
        }
        return s.window.counts();
    }

    /** Outcomes recorded into the current CLOSED window so far, or {@code -1} when not CLOSED: it moves on each one. */
    public long windowSequence() {
        State s = state;
        return s.circuit == CLOSED ? s.window.recorded() : -1;
    }

    /** Who decided the current state: {@code "local"} or a fleet member's id. */
    public String origin() {
        return state.origin();
    }

    /**
     * The fleet generation the current state follows, or 0 when this member decided it. In a fleet HALF_OPEN, the
     * generation whose trial slots it uses.
     */
    public long fleetGeneration() {
        Fleet f = state.fleet;
        return f == null ? 0 : f.generation;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Transitions

    private RollingWindow newWindow() {
        return new RollingWindow(policy.requestVolumeThreshold(), failureThreshold);
    }

    /**
     * Replaces {@code from} by {@code to} if {@code from} is still current; when that changes the circuit state, also
     * cancels the timer of the OPEN state left, schedules the one of the OPEN state entered and announces the change.
     *
     * @return whether the CAS won
     */
    private boolean publish(State from, State to) {
        return publish(from, to, true);
    }

    /** @param announceNow whether to announce here; otherwise the caller makes sure {@link #announce()} runs */
    private boolean publish(State from, State to, boolean announceNow) {
        if (!STATE.compareAndSet(this, from, to)) {
            return false;
        }
        if (to.changes != from.changes) {
            if (from.circuit == OPEN) {
                from.cancelTimer();
            }
            queue().add(new Change(to.changes, to.history[to.history.length - 1], to.origin()));
            if (to.circuit == OPEN) {
                scheduleHalfOpen(to);
            }
            FleetLink l = link;
            if (l != null) {
                l.changed(from.circuit, to.circuit); // only notes the news for the exchange's thread
            }
            if (announceNow) {
                announce();
            }
        }
        return true;
    }

    private void scheduleHalfOpen(State open) {
        try {
            // From now: a fleet's OPEN may have begun on another member (its openedAt is then in the past).
            long delay = Math.max(0, open.openedAt + policy.delayNanos() - clock.nanoTime());
            open.timer = timer.schedule(delay, () -> {
                // On the timer's thread: only the CAS. Announcing runs the listeners (CDI observers, metrics), which
                // is user code, so it is handed off.
                // Identity: an OPEN state is never replaced within its epoch, so "still this state" is "still due".
                if (state == open && publish(open, open.halfOpen(clock.instant()), false)) {
                    timer.handOff(this::announce);
                }
            });
        } catch (RejectedExecutionException shutDown) {
            // The timer has been shut down with the application; the next call moves it to HALF_OPEN itself.
        }
    }

    /**
     * Tells the listener about every change not yet announced, in sequence order. State changes are ordered by their
     * CAS, but the winners reach this method in any order; so each winner queues its change and then one thread at
     * a time (the one that moves {@code announcing} from 0) drains the queue, holding back changes that arrive before
     * their predecessor. A winner that finds another thread draining only increments {@code announcing}, which makes
     * the drainer loop once more and pick its change up. The atomic increment and decrement order the drainer-only
     * fields ({@code early}, {@code announced}) between successive drainers.
     */
    private void announce() {
        if ((int) ANNOUNCING.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        try {
            do {
                ConcurrentLinkedQueue<Change> q = unannounced;
                for (Change c; q != null && (c = q.poll()) != null; ) {
                    if (early == null) {
                        early = new PriorityQueue<>();
                    }
                    early.add(c);
                }
                for (Change c; early != null && (c = early.peek()) != null && c.seq == announced + 1; ) {
                    early.poll();
                    announced = c.seq;
                    tell(c.transition, c.origin);
                }
                missed = (int) ANNOUNCING.getAndAdd(this, -missed) - missed;
            } while (missed != 0);
        } catch (Error e) {
            // only a VirtualMachineError gets here; let a later change drain what is left
            ANNOUNCING.setVolatile(this, 0);
            throw e;
        }
    }

    /** The queue of changes to announce, created by the first change (one CAS; a loser uses the winner's). */
    private ConcurrentLinkedQueue<Change> queue() {
        ConcurrentLinkedQueue<Change> q = unannounced;
        if (q == null) {
            q = new ConcurrentLinkedQueue<>();
            if (!UNANNOUNCED.compareAndSet(this, null, q)) {
                q = unannounced;
            }
        }
        return q;
    }

    private void tell(StateTransition t, String origin) {
        try {
            listener.stateChanged(name, t.from(), t.to(), t.at(), origin);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, () -> "Steadfast listener " + listener + " failed on circuit '" + name + "' going "
                    + t.from() + " -> " + t.to() + "; the breaker goes on", e);
        }
    }

    /**
     * The fleet's decision a state follows.
     *
     * @param generation the fleet generation that decided it
     * @param origin     the member that decided it
     * @param slots      in a fleet HALF_OPEN: trial slots the fleet granted this member and no trial has used up
     */
    private record Fleet(long generation, String origin, int slots) {

        Fleet withSlots(int value) {
            return new Fleet(generation, origin, value);
        }
    }

    /** A state change waiting to be announced, with who decided it; ordered by sequence number. */
    private record Change(long seq, StateTransition transition, String origin) implements Comparable<Change> {

        @Override
        public int compareTo(Change o) {
            return Long.compare(seq, o.seq);
        }
    }

    /** Counters since the start or the last reset; {@code changesBefore} is the state-change count at that moment. */
    private static final class Counters {

        final LongAdder successful = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final long changesBefore;

        Counters(long changesBefore) {
            this.changesBefore = changesBefore;
        }
    }

    /**
     * An immutable snapshot of the breaker, swapped whole by CAS. Fields that belong to one state are zero/null in
     * the others. The only mutable parts are the CLOSED window (which lives exactly as long as its epoch) and the
     * OPEN state's timer handle (written once, used only to cancel).
     */
    private static final class State {

        final CircuitState circuit;
        /** Changes on every transition and reset; a permit carries the epoch it was issued in. */
        final long epoch;
        /** CLOSED: the outcomes of this closed period. */
        final RollingWindow window;
        /** OPEN: {@link Clock#nanoTime()} when it opened. */
        final long openedAt;
        /** HALF_OPEN: trial calls in flight. */
        final int trials;
        /** HALF_OPEN: trial calls that succeeded so far. */
        final int trialSuccesses;
        final Counters counters;
        /** State changes since the breaker was built; the sequence number of the change that made this state. */
        final long changes;
        /** The last {@link #HISTORY} transitions, oldest first; never modified. */
        final StateTransition[] history;
        /** The fleet's decision this state follows (its origin and generation), {@code null} for a local one. */
        final Fleet fleet;
        /** OPEN: the task that will move it to HALF_OPEN; written once, possibly after the state was left. */
        volatile Timer.Task timer;

        State(CircuitState circuit, long epoch, RollingWindow window, long openedAt, int trials, int trialSuccesses,
                Counters counters, long changes, StateTransition[] history, Fleet fleet) {
            this.circuit = circuit;
            this.epoch = epoch;
            this.window = window;
            this.openedAt = openedAt;
            this.trials = trials;
            this.trialSuccesses = trialSuccesses;
            this.counters = counters;
            this.changes = changes;
            this.history = history;
            this.fleet = fleet;
        }

        /** The state after a transition this member decided to {@code to} at {@code at}. */
        State next(CircuitState to, RollingWindow window, long openedAt, Instant at) {
            return next(to, window, openedAt, at, null);
        }

        /**
         * The state after a transition to {@code to} at {@code at}, following the fleet's decision {@code fleet}
         * ({@code null}: this member's own): a new epoch and one more entry in the history.
         */
        State next(CircuitState to, RollingWindow window, long openedAt, Instant at, Fleet fleet) {
            int keep = Math.min(history.length, HISTORY - 1);
            StateTransition[] h = Arrays.copyOfRange(history, history.length - keep, history.length + 1);
            h[keep] = new StateTransition(circuit, to, at);
            return new State(to, epoch + 1, window, openedAt, 0, 0, counters, changes + 1, h, fleet);
        }

        /** HALF_OPEN after this OPEN state's delay: the fleet's, with no slot yet, when the OPEN was the fleet's. */
        State halfOpen(Instant at) {
            return next(HALF_OPEN, null, 0, at, fleet == null ? null : fleet.withSlots(0));
        }

        State withTrials(int trials, int trialSuccesses) {
            return new State(circuit, epoch, window, openedAt, trials, trialSuccesses, counters, changes, history,
                    fleet);
        }

        State withCounters(Counters counters) {
            return new State(circuit, epoch, window, openedAt, trials, trialSuccesses, counters, changes, history,
                    fleet);
        }

        State withFleet(Fleet fleet) {
            return new State(circuit, epoch, window, openedAt, trials, trialSuccesses, counters, changes, history,
                    fleet);
        }

        /** The same OPEN state moved to the fleet's until-time: a new epoch, no transition. */
        State reopened(long openedAt, Fleet fleet) {
            return new State(circuit, epoch + 1, window, openedAt, 0, 0, counters, changes, history, fleet);
        }

        /** Who decided this state: {@code "local"} or a fleet member's id. */
        String origin() {
            return fleet == null ? CircuitStateChanged.LOCAL : fleet.origin;
        }

        void cancelTimer() {
            Timer.Task t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }
}
