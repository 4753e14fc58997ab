package dev.steadfast.engine.breaker;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The breaker's {@link RollingWindow} packs the outcome number, failure count, "filled" and the last outcome into
 * one {@code long}, and a recorder writes the previous outcome into its slot before its own CAS. A full window of one
 * success; a failure and a success race. In either order the failure opens it (it replaces the success, or follows
 * the success that replaced an equal one) and the success does not; a success that read a slot not yet written by
 * the failure before it would miss the change or the opening.
 */
@JCStressTest
@Description("Breaker rolling window: a failure and a success race in a full window of one; the failure opens it")
@Outcome(id = "true, false", expect = ACCEPTABLE, desc = "the failure opens the breaker, the success does not")
@Outcome(expect = FORBIDDEN, desc = "a missed opening, or a success that opens")
@State
public class RollingWindowOneWordStressTest {

    private final RollingWindow window = new RollingWindow(1, 1);

    public RollingWindowOneWordStressTest() {
        window.record(false);
    }

    @Actor
    public void failure(ZZ_Result r) {
        r.r1 = window.record(true);
    }

    @Actor
    public void success(ZZ_Result r) {
        r.r2 = window.record(false);
    }
}
