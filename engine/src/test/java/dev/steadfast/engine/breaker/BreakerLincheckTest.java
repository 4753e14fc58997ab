package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitState;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.LincheckBudget;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.BooleanGen;
import org.jetbrains.kotlinx.lincheck.paramgen.LongGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;

/**
 * The {@link Breaker}'s epoch-stamped state machine is linearizable against {@link Spec}, its rules written as a
 * plain state machine: a thread's call acquires a permit and reports its outcome in its next step, so outcomes race
 * with other calls' admissions, with the breaker opening, with HALF_OPEN's one trial at a time
 * (admission at the limit), with {@link Breaker#reset()} and with {@link Breaker#forceOpen()}. A window of one call
 * opens on a failure, so scenarios of a few operations reach every state; 3 ns OPEN; two trial successes close it.
 * Each operation's clock reading is its {@code now} parameter; the timer never fires (a call that finds the delay
 * passed moves the breaker itself, as after a late timer). The state changes announced to the listener are checked
 * to be exactly those in {@link Breaker#transitions()}, in the same order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class BreakerLincheckTest {

    static final long DELAY = 3;
    static final int SUCCESS_THRESHOLD = 2;
    static final int HALF_OPEN_MAX_CALLS = 1;
    static final long NONE = -1;
    static final int CLOSED_CALL = 10;
    static final int TRIAL = 11;
    static final int ENDED = 12;

    private final ThreadLocal<Long> now = ThreadLocal.withInitial(() -> 0L);
    private final List<StateTransition> announced = new ArrayList<>(); // only the announcing thread adds
    /**
     * The breaker, behind a lambda: Lincheck 2.39 walks the test's object graph to find the classes to instrument and
     * fails on records ({@link BreakerPolicy}); it stops at a lambda (a hidden class it cannot modify). The breaker's
     * classes are instrumented as they load, inside the first check (so model checking runs first, see the order).
     */
    private final Supplier<Breaker> breaker;
    /** Per thread id: the part before the parallel one is thread 0, the parallel threads 1 and 2, the part after 3. */
    private final AtomicLongArray calls = new AtomicLongArray(new long[] {NONE, NONE, NONE, NONE});

    public BreakerLincheckTest() {
        Breaker b = new Breaker("lincheck",
            BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0).delay(Duration.ofNanos(DELAY))
                .successThreshold(SUCCESS_THRESHOLD).halfOpenMaxCalls(HALF_OPEN_MAX_CALLS).build(),
            new Clock() {
                @Override
                public long nanoTime() {
                    return now.get();
                }

                @Override
                public Instant instant() {
                    return Instant.EPOCH.plusNanos(now.get());
                }

                @Override
                public void sleep(long nanos) {
                    throw new UnsupportedOperationException();
                }
            },
            (delay, action) -> () -> { }, // a timer that never fires
            new EngineListener() {
                @Override
                public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
                    announced.add(new StateTransition(from, to, at));
                }
            });
        breaker = () -> b;
    }

    /**
     * One step of this thread's call at {@code now}: with no call in flight, a new call asks to run (admitted, it
     * stays in flight); with one in flight, that call ends, failing or not. So a thread's steps alternate between
     * admissions and outcomes, and outcomes race with the other thread's admissions and with the operator.
     *
     * @return {@link #CLOSED_CALL}, {@link #TRIAL}, the ordinal of the state that rejected the call (decoded from the
     *         permit, as {@link Breaker#rejection} does, without building the exception), or {@link #ENDED}
     */
    @Operation
    public int step(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = LongGen.class, conf = "0:7") long now,
            @Param(gen = BooleanGen.class) boolean fails) {
        this.now.set(now);
        long inFlight = calls.getAndSet(thread, NONE);
        if (inFlight != NONE) {
            if (fails) {
                breaker.get().onFailure(inFlight, new IllegalStateException("down"), 0);
            } else {
                breaker.get().onSuccess(inFlight, 0);
            }
            return ENDED;
        }
        long permit = breaker.get().tryAcquire();
        if (!Breaker.admitted(permit)) {
            return (int) (~permit & 3);
        }
        calls.set(thread, permit);
        return (permit & 1) == 0 ? CLOSED_CALL : TRIAL;
    }

    @Operation
    public void reset() {
        breaker.get().reset();
    }

    @Operation
    public void forceOpen() {
        breaker.get().forceOpen();
    }

    /** Every change was announced once, in the order of the history, each starting where the one before ended. */
    @Validate
    public void announcedEveryChangeOnceInOrder() {
        List<StateTransition> history = breaker.get().transitions();
        if (!announced.equals(history)) {
            throw new AssertionError("announced " + announced + " but the history is " + history);
        }
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).from() != history.get(i - 1).to()) {
                throw new AssertionError("broken chain of transitions: " + history);
            }
        }
    }

    @Test
    @Order(1)
    void isLinearizableUnderModelChecking() {
        LincheckBudget.modelCheck(getClass(), Spec.class);
    }

    @Test
    @Order(2)
    void isLinearizableUnderStress() {
        LincheckBudget.stress(getClass(), Spec.class);
    }

    /**
     * The breaker's rules, one call at a time. Every transition and every reset starts a new epoch; a permit
     * remembers its epoch and whether it is a trial, and its outcome counts only while the epoch has not changed.
     */
    public static final class Spec {

        private CircuitState circuit = CLOSED;
        private long epoch;
        private long openedAt;
        private int trials;
        private int trialSuccesses;
        private final long[] permitEpoch = {NONE, NONE, NONE, NONE};
        private final boolean[] permitTrial = new boolean[4];

        public int step(int thread, long now, boolean fails) {
            if (permitEpoch[thread] != NONE) {
                outcome(thread, fails, now);
                return ENDED;
            }
            if (circuit == OPEN && now - openedAt >= DELAY) {
                enter(HALF_OPEN);
            }
            if (circuit == CLOSED || circuit == HALF_OPEN && trials < HALF_OPEN_MAX_CALLS) {
                boolean trial = circuit == HALF_OPEN;
                if (trial) {
                    trials++;
                }
                permitEpoch[thread] = epoch;
                permitTrial[thread] = trial;
                return trial ? TRIAL : CLOSED_CALL;
            }
            return circuit.ordinal();
        }

        public void reset() {
            enter(CLOSED);
        }

        public void forceOpen() {
            if (circuit != FORCED_OPEN) {
                enter(FORCED_OPEN);
            }
        }

        private void outcome(int thread, boolean failure, long now) {
            long e = permitEpoch[thread];
            permitEpoch[thread] = NONE;
            if (e != epoch) {
                return; // from an earlier state: it counts for nothing
            }
            if (!permitTrial[thread]) {
                if (failure) { // a window of one call, opened by one failure
                    open(now);
                }
            } else if (failure) {
                open(now);
            } else if (trialSuccesses + 1 >= SUCCESS_THRESHOLD) {
                enter(CLOSED);
            } else {
                trials--;
                trialSuccesses++;
            }
        }

        private void open(long now) {
            enter(OPEN);
            openedAt = now;
        }

        private void enter(CircuitState to) {
            circuit = to;
            epoch++;
            trials = 0;
            trialSuccesses = 0;
            openedAt = 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && circuit == s.circuit && openedAt == s.openedAt && trials == s.trials
                    && trialSuccesses == s.trialSuccesses && Arrays.equals(relative(), s.relative())
                    && Arrays.equals(permitTrial, s.permitTrial);
        }

        @Override
        public int hashCode() {
            return Objects.hash(circuit, openedAt, trials, trialSuccesses, Arrays.hashCode(relative()));
        }

        /** Epochs matter only as "this one" or "an earlier one". */
        private long[] relative() {
            return Arrays.stream(permitEpoch).map(e -> e == NONE ? NONE : e == epoch ? 1 : 0).toArray();
        }
    }
}
