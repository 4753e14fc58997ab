package dev.steadfast.engine.ratelimit;

import dev.steadfast.RateLimitType;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The window edge of {@code FIXED} (1 permit per 10 ns): one call reads the clock at 9, the last instant of the
 * first window, the other at 10, the first instant of the next. If the later reading is admitted first, the earlier
 * one is stale and counts in the later window, where the permit is gone.
 */
@JCStressTest
@Description("FIXED limiter: calls on both sides of a window edge; a stale reading counts in the newer window")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the call at 9 first: each window's permit taken once")
@Outcome(id = "10, 0", expect = ACCEPTABLE, desc = "the call at 10 first: the one at 9 counts in that window and waits for the next")
@Outcome(expect = FORBIDDEN, desc = "anything else: a permit counted twice, or a wait that is not the next window's start")
@State
public class FixedWindowEdgeStressTest {

    private final RateLimiter limiter = RateLimiter.create(new RateLimitPolicy(1, 10, 0, RateLimitType.FIXED), 0);

    @Actor
    public void atNine(JJ_Result r) {
        r.r1 = limiter.tryAcquire(9);
    }

    @Actor
    public void atTen(JJ_Result r) {
        r.r2 = limiter.tryAcquire(10);
    }
}
