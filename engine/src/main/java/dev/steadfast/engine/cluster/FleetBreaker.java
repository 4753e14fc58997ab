package dev.steadfast.engine.cluster;

import dev.steadfast.CircuitState;
import dev.steadfast.ClusterStatus;
import dev.steadfast.FleetBreakerView;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.FleetLink;
import dev.steadfast.spi.cluster.BreakerExchange;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.FleetStates;
import dev.steadfast.spi.cluster.TrialOutcome;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;

/**
 * The exchange's side of one fleet-wide breaker: it publishes this member's window, hears the others', opens the
 * fleet by quorum ({@link QuorumRule}), claims half-open trial slots from the fleet, reports trials, and carries
 * operators' actions to every member. The {@link Breaker} keeps deciding every call itself; this class only changes
 * its state through {@link Breaker#applyFleet} (on the hand-off executor: listeners may be application code) and its
 * trial slots.
 *
 * <p>Every method except the {@link FleetLink} ones runs on the worker; the {@link FleetLink} ones only queue work.
 *
 * <p><b>Summaries</b>: published every interval while this member records outcomes (and for ten intervals after the
 * last one), and at once on every transition; valid for four intervals. A member that is OPEN keeps publishing the
 * window that opened it. Summaries from before the fleet's latest decision are ignored, so a closed fleet is not
 * reopened by the windows that opened it.
 *
 * <p><b>Decisions</b> are proposed with the generation this member knows ({@link BreakerExchange#propose}): when two
 * members decide at once, one proposal wins and every member applies the winner's, with the same until-time.
 */
final class FleetBreaker implements FleetLink {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    /** How long a fleet FORCED_OPEN is stored; a member re-stores it halfway. */
    private static final Duration FORCED_TTL = Duration.ofHours(24);

    private final Breaker breaker;
    private final BreakerPolicy policy;
    private final String name;
    private final ClusterRuntime runtime;
    private final Executor apply;
    private final AtomicBoolean changeQueued = new AtomicBoolean();
    private final AtomicBoolean trialQueued = new AtomicBoolean();
    /** Set when the breaker left the registry (a guard closed, an operator removed it): the link goes quiet. */
    private volatile boolean detached;
    /**
     * What views read ({@link #view()}): rebuilt by the worker after every tick and every message, a new immutable
     * copy each time, so a reader on any thread sees one consistent picture without touching worker state.
     */
    private volatile FleetBreakerView view;

    // Worker-confined.
    private final Map<String, BreakerSummary> others = new HashMap<>();
    private FleetState known;
    private long knownGeneration;
    private boolean proposing;
    private long lastCounts;
    private long lastSequence = -1;
    private long lastOutcomeNanos = Long.MIN_VALUE / 2;
    private boolean claiming;
    private long nextClaimNanos = Long.MIN_VALUE / 2;
    private long slotGeneration;
    private long slotSince = Long.MIN_VALUE;
    private long rejectedWhenOpened;

    FleetBreaker(Breaker breaker, ClusterRuntime runtime, Executor apply) {
        this.breaker = breaker;
        this.policy = breaker.policy();
        this.name = breaker.name();
        this.runtime = runtime;
        this.apply = apply;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // FleetLink: called on calls' and operators' threads, only queue

    @Override
    public boolean attached() {
        return !detached && runtime.connected();
    }

    @Override
    public void changed(CircuitState from, CircuitState to) {
        if (!detached && changeQueued.compareAndSet(false, true)) {
            runtime.execute(this::onChange);
        }
    }

    @Override
    public void trialWanted(long generation) {
        if (!detached && trialQueued.compareAndSet(false, true)) {
            runtime.execute(() -> {
                trialQueued.set(false);
                claim(generation, false);
            });
        }
    }

    @Override
    public void trialFinished(long generation, boolean success) {
        if (!detached) {
            runtime.execute(() -> finished(generation, success));
        }
    }

    @Override
    public void operatorAction(CircuitState to) {
        if (!detached) {
            runtime.execute(() -> operator(to));
        }
    }

    /** The breaker this link ties to the fleet. */
    Breaker breaker() {
        return breaker;
    }

    /**
     * The breaker left the registry: from now on it decides alone (whoever still calls through it) and tells the
     * fleet nothing; a new breaker of its name gets a link of its own.
     */
    void detach() {
        detached = true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The worker

    void tick(long now) {
        if (!runtime.connected()) {
            refreshView();
            return;
        }
        long sequence = breaker.windowSequence();
        if (sequence >= 0 && sequence != lastSequence) {
            lastSequence = sequence;
            lastOutcomeNanos = now;
        }
        long counts = breaker.windowCounts();
        if (counts >= 0) {
            lastCounts = counts;
        }
        if (now - lastOutcomeNanos < 10 * runtime.intervalNanos() && lastCounts > 0) {
            publish();
        }
        long wall = wallMillis();
        others.values().removeIf(s -> !s.validAt(wall));
        evaluate();
        returnIdleSlot(now);
        keepForcedOpen(wall);
        refreshView();
    }

    /** The breaker changed state: a fresh summary at once; entering the fleet's HALF_OPEN with demand, a claim. */
    private void onChange() {
        changeQueued.set(false);
        if (!runtime.connected()) {
            return;
        }
        long counts = breaker.windowCounts();
        if (counts >= 0) {
            lastCounts = counts;
        }
        publish();
        long g = breaker.fleetGeneration();
        if (breaker.state() == HALF_OPEN && g != 0 && breaker.stats().rejectedCalls() > rejectedWhenOpened) {
            claim(g, true);
        }
        evaluate();
    }

    private void publish() {
        int calls = (int) (lastCounts >>> 32);
        int failures = (int) lastCounts;
        BreakerSummary s = new BreakerSummary(name, runtime.member(), calls, Math.min(calls, failures),
                breaker.state(), wallMillis(), 4 * runtime.intervalNanos() / 1_000_000);
        BreakerExchange x = runtime.backend().breakers();
        runtime.call(() -> x.publish(s), ignored -> { });
    }

    void received(BreakerSummary s) {
        if (s.member().equals(runtime.member())) {
            return;
        }
        if (known != null && s.atEpochMillis() < known.atEpochMillis()) {
            return; // from before the fleet's latest decision
        }
        if (!s.validAt(wallMillis())) {
            return;
        }
        others.put(s.member(), s);
        evaluate();
        refreshView();
    }

    /** While the fleet is closed: open it when the quorum rule says so. */
    private void evaluate() {
        if (!runtime.connected() || proposing || (known != null && known.state() != CLOSED)) {
            return;
        }
        CircuitState local = breaker.state();
        if (local == FORCED_OPEN) {
            return;
        }
        List<QuorumRule.Window> windows = new ArrayList<>(others.size() + 1);
        long counts = breaker.windowCounts();
        if (counts < 0) {
            counts = local == OPEN && breaker.fleetGeneration() == 0 ? lastCounts : 0;
        }
        windows.add(new QuorumRule.Window(runtime.member(), (int) (counts >>> 32), (int) counts));
        for (BreakerSummary s : others.values()) {
            windows.add(new QuorumRule.Window(s.member(), s.calls(), s.failures()));
        }
        QuorumRule.Verdict v = QuorumRule.judge(windows, policy.failureRatio(), policy.requestVolumeThreshold(),
                policy.quorum());
        if (!v.opens()) {
            return;
        }
        long wall = wallMillis();
        long until = wall + policy.delayNanos() / 1_000_000;
        LOG.log(Level.DEBUG, () -> "Circuit '" + name + "': the fleet's windows open it: " + v);
        propose(new FleetState(name, Math.max(knownGeneration + 1, wall), OPEN, until, runtime.member(), false,
                wall), knownGeneration, openTtl());
    }

    private Duration openTtl() {
        return Duration.ofNanos(policy.delayNanos()).plus(trialTtl());
    }

    private Duration trialTtl() {
        return Duration.ofNanos(Math.max(60_000_000_000L, 40 * runtime.intervalNanos()));
    }

    private void propose(FleetState proposal, long expected, Duration ttl) {
        proposing = true;
        BreakerExchange x = runtime.backend().breakers();
        runtime.call(() -> x.propose(proposal, expected, ttl), stored -> {
            proposing = false;
            received(stored); // the broadcast may come later (or, for a proposal that lost, never)
        }, () -> proposing = false);
    }

    /** A fleet decision, newer than what this member applied: applied on the hand-off executor. */
    void received(FleetState f) {
        if (f.generation() <= knownGeneration) {
            return;
        }
        known = f;
        knownGeneration = f.generation();
        others.clear();
        slotSince = Long.MIN_VALUE;
        long halfOpenAt = f.state() == OPEN ? runtime.localNanos(f.untilEpochMillis() * 1_000_000L) : 0;
        if (f.state() == OPEN) {
            rejectedWhenOpened = breaker.stats().rejectedCalls();
        }
        refreshView();
        LOG.log(Level.DEBUG, () -> "Circuit '" + name + "': fleet decision " + f);
        apply.execute(() -> breaker.applyFleet(f.state(), halfOpenAt, f.origin(), f.generation(), f.operator()));
    }

    /**
     * Claims a trial slot of the fleet's HALF_OPEN of {@code generation} for the next call here. After a refusal,
     * waits half an interval before asking again, so a busy member does not ask at every rejected call.
     */
    private void claim(long generation, boolean ahead) {
        long now = runtime.clock().nanoTime();
        if (!runtime.connected() || claiming || (!ahead && now - nextClaimNanos < 0)) {
            return;
        }
        if (breaker.state() != HALF_OPEN || breaker.fleetGeneration() != generation) {
            return;
        }
        claiming = true;
        BreakerExchange x = runtime.backend().breakers();
        runtime.call(() -> x.claimTrial(name, generation, policy.halfOpenMaxCalls(), trialTtl()), granted -> {
            claiming = false;
            if (!granted) {
                nextClaimNanos = runtime.clock().nanoTime() + runtime.intervalNanos() / 2;
                return;
            }
            if (breaker.grantTrialSlot(generation)) {
                slotGeneration = generation;
                slotSince = runtime.clock().nanoTime();
            } else {
                finish(generation, TrialOutcome.UNUSED); // the breaker has moved on
            }
        }, () -> claiming = false);
    }

    /** A slot no call used within two intervals goes back, for a member that has calls. */
    private void returnIdleSlot(long now) {
        if (slotSince == Long.MIN_VALUE || now - slotSince < 2 * runtime.intervalNanos()) {
            return;
        }
        slotSince = Long.MIN_VALUE;
        if (breaker.revokeTrialSlot(slotGeneration)) {
            finish(slotGeneration, TrialOutcome.UNUSED);
        }
    }

    private void finished(long generation, boolean success) {
        slotSince = Long.MIN_VALUE;
        if (!runtime.connected()) {
            return;
        }
        if (!success && knownGeneration == generation) {
            long wall = wallMillis();
            propose(new FleetState(name, Math.max(knownGeneration + 1, wall), OPEN,
                    wall + policy.delayNanos() / 1_000_000, runtime.member(), false, wall), generation, openTtl());
        }
        BreakerExchange x = runtime.backend().breakers();
        TrialOutcome outcome = success ? TrialOutcome.SUCCEEDED : TrialOutcome.FAILED;
        runtime.call(() -> x.finishTrial(name, generation, outcome, trialTtl()), successes -> {
            if (success && successes >= policy.successThreshold() && knownGeneration == generation && !proposing) {
                long wall = wallMillis();
                propose(new FleetState(name, Math.max(knownGeneration + 1, wall), CLOSED, 0, runtime.member(), false,
                        wall), generation, trialTtl());
            }
        });
    }

    private void finish(long generation, TrialOutcome outcome) {
        BreakerExchange x = runtime.backend().breakers();
        runtime.call(() -> x.finishTrial(name, generation, outcome, trialTtl()), ignored -> { });
    }

    /** An operator's forceOpen() or reset() here: every member follows, whatever the fleet decided before. */
    private void operator(CircuitState to) {
        if (!runtime.connected()) {
            return;
        }
        long wall = wallMillis();
        propose(new FleetState(name, Math.max(knownGeneration + 1, wall), to, 0, runtime.member(), true, wall),
                FleetStates.ANY, to == FORCED_OPEN ? FORCED_TTL : trialTtl());
    }

    /** A fleet FORCED_OPEN lives until reset: re-stored halfway through its TTL, by whichever member sees it due. */
    private void keepForcedOpen(long wall) {
        if (known == null || known.state() != FORCED_OPEN || proposing
                || wall - known.atEpochMillis() < FORCED_TTL.toMillis() / 2) {
            return;
        }
        propose(new FleetState(name, Math.max(knownGeneration + 1, wall), FORCED_OPEN, 0, known.origin(), true, wall),
                knownGeneration, FORCED_TTL);
    }

    /** The backend answers (again): start from the fleet's stored decision, if newer than what this member applied. */
    void rejoin() {
        if (!runtime.connected()) {
            return;
        }
        others.clear();
        BreakerExchange x = runtime.backend().breakers();
        runtime.call(() -> x.read(name), stored -> stored.ifPresent(this::received));
    }

    @Override
    public Optional<FleetBreakerView> view() {
        return Optional.ofNullable(view);
    }

    /** Copies what the worker knows into {@link #view}; on the worker, at most a few times per interval. */
    private void refreshView() {
        long wall = wallMillis();
        long counts = breaker.windowCounts();
        if (counts < 0) {
            counts = lastCounts;
        }
        int calls = (int) (counts >>> 32);
        List<FleetBreakerView.MemberWindow> windows = new ArrayList<>(others.size() + 1);
        windows.add(new FleetBreakerView.MemberWindow(runtime.member(), calls, Math.min(calls, (int) counts),
                breaker.state(), Instant.ofEpochMilli(wall)));
        for (BreakerSummary o : new TreeMap<>(others).values()) {
            if (o.validAt(wall)) {
                windows.add(new FleetBreakerView.MemberWindow(o.member(), o.calls(), o.failures(), o.state(),
                        Instant.ofEpochMilli(o.atEpochMillis())));
            }
        }
        FleetState f = known;
        ClusterStatus status = runtime.connected() ? ClusterStatus.CONNECTED : ClusterStatus.DEGRADED;
        view = new FleetBreakerView(runtime.member(), status, f == null ? null : f.state(),
                f == null ? null : f.origin(), f == null ? null : Instant.ofEpochMilli(f.atEpochMillis()), windows);
    }

    private long wallMillis() {
        return Math.floorDiv(runtime.wallNanos(), 1_000_000L);
    }

    @Override
    public String toString() {
        return "FleetBreaker[" + name + "]";
    }
}
