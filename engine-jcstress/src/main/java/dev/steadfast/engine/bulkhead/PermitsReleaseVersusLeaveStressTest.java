package dev.steadfast.engine.bulkhead;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link Permits}: one permit, held; one waiter queued. The holder releases while the waiter gives up (its timeout).
 * {@code leave} first reads the waiter's status without the lock (a volatile written under it), and the permits'
 * two counts live in one {@code long}. The permit must end up with exactly one owner: the waiter, or the pool.
 */
@JCStressTest
@Description("Bulkhead permits: a release races with the only waiter's timeout; the permit is neither lost nor doubled")
@Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "released first: handed to the waiter, which then cannot leave")
@Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "the waiter left first: the permit goes back to the pool")
@Outcome(expect = FORBIDDEN, desc = "a permit lost or doubled, or a waiter both granted and gone")
@State
public class PermitsReleaseVersusLeaveStressTest {

    private final Permits permits = new Permits(1, 1);
    private final Permits.Waiter waiter = new Permits.Waiter() {
        @Override
        void granted() {
        }
    };

    public PermitsReleaseVersusLeaveStressTest() {
        permits.tryAcquire();
        permits.acquireOrQueue(waiter);
    }

    @Actor
    public void holderReleases(IIII_Result r) {
        r.r1 = permits.release() == waiter ? 1 : 0;
    }

    @Actor
    public void waiterTimesOut(IIII_Result r) {
        r.r2 = permits.leave(waiter) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r3 = permits.running();
        r.r4 = permits.waiting();
    }
}
