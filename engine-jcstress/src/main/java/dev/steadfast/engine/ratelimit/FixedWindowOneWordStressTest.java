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
 * {@code FIXED}'s state is one {@code long} (window start plus permits taken) changed by one CAS: two calls race for
 * the only permit of a window of 10 ns, both reading the clock at 0.
 */
@JCStressTest
@Description("FIXED limiter: two calls race for the last permit of a window; the single-word CAS admits exactly one")
@Outcome(id = {"0, 10", "10, 0"}, expect = ACCEPTABLE, desc = "one admitted, the other told to wait for the next window")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "both admitted: one permit counted twice")
@Outcome(expect = FORBIDDEN, desc = "anything else: a wrong count or a wrong wait")
@State
public class FixedWindowOneWordStressTest {

    private final RateLimiter limiter = RateLimiter.create(new RateLimitPolicy(1, 10, 0, RateLimitType.FIXED), 0);

    @Actor
    public void first(JJ_Result r) {
        r.r1 = limiter.tryAcquire(0);
    }

    @Actor
    public void second(JJ_Result r) {
        r.r2 = limiter.tryAcquire(0);
    }
}
