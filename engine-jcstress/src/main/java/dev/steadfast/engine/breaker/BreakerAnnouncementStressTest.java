package dev.steadfast.engine.breaker;

import dev.steadfast.CircuitState;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.time.Clock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The {@link Breaker} announces state changes from whichever thread won each CAS; the announcing thread's fields
 * (the last sequence number announced, the changes held back) are plain fields handed from one announcing thread to
 * the next through an atomic counter, not a lock. A call fails (opening a window of one) while an operator forces the
 * breaker open: each change must be announced exactly once, in order, and be the breaker's history.
 */
@JCStressTest
@Description("Breaker: two threads change the state at once; every change is announced once, in order")
@Outcome(id = "CLOSED>FORCED_OPEN", expect = ACCEPTABLE, desc = "forced open first: the failure counts for nothing")
@Outcome(id = "CLOSED>OPEN OPEN>FORCED_OPEN", expect = ACCEPTABLE, desc = "the failure opened it, then it was forced open")
@Outcome(expect = FORBIDDEN, desc = "a change lost, announced twice, out of order, or not the history")
@State
public class BreakerAnnouncementStressTest {

    private final List<String> announced = new ArrayList<>();
    private final Breaker breaker = new Breaker("jcstress",
            BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0).delay(Duration.ofSeconds(1)).build(),
            new Clock() {
                @Override
                public long nanoTime() {
                    return 0;
                }

                @Override
                public Instant instant() {
                    return Instant.EPOCH;
                }

                @Override
                public void sleep(long nanos) {
                    throw new UnsupportedOperationException();
                }
            },
            (delay, action) -> () -> { },
            new EngineListener() {
                @Override
                public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
                    announced.add(from + ">" + to);
                }
            });

    @Actor
    public void failingCall() {
        long permit = breaker.tryAcquire();
        if (Breaker.admitted(permit)) {
            breaker.onFailure(permit, new IllegalStateException("down"), 0);
        }
    }

    @Actor
    public void operator() {
        breaker.forceOpen();
    }

    @Arbiter
    public void arbiter(L_Result r) {
        List<String> history = breaker.transitions().stream().map(t -> t.from() + ">" + t.to()).toList();
        r.r1 = history.equals(announced) ? String.join(" ", announced) : "announced " + announced + ", history " + history;
    }
}
