package dev.steadfast.engine.cluster;

import dev.steadfast.CircuitState;
import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.FleetStates;
import dev.steadfast.spi.cluster.Grant;
import dev.steadfast.spi.cluster.QuotaRules;
import dev.steadfast.spi.cluster.TrialOutcome;
import dev.steadfast.spi.cluster.Wire;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPI's reference arithmetic, which every backend restates: {@link QuotaRules}, {@link FleetStates}, {@link Wire}. */
class ReferenceArithmeticTest {

    @Test
    void aLeaseNeverTakesAWindowPastItsLimit() {
        assertEquals(new Grant(10, 90), QuotaRules.lease(0, 10, 100));
        assertEquals(new Grant(5, 0), QuotaRules.lease(95, 10, 100));
        assertEquals(new Grant(0, 0), QuotaRules.lease(100, 10, 100));
        assertEquals(new Grant(0, 0), QuotaRules.lease(120, 10, 100), "a store past the limit grants nothing");
        assertEquals(90, QuotaRules.release(100, 10));
        assertEquals(0, QuotaRules.release(5, 10), "never below zero");
    }

    @Test
    void theBucketGrantsTheTokensOneBucketHasLessThoseItsHoldRefills() {
        Bucket b = new Bucket(10, 100_000, 200_000); // 10 tokens, one per 100 ms, held up to 200 ms
        QuotaRules.Take first = QuotaRules.take(0, 1_000_000_000L, 100, b);
        assertEquals(new Grant(8, 0), first.grant(), "a full bucket less the two tokens its hold refills");
        QuotaRules.Take soon = QuotaRules.take(first.tat(), 1_000_050_000L, 100, b);
        assertEquals(0, soon.grant().granted(), "nothing back within one interval");
        QuotaRules.Take later = QuotaRules.take(first.tat(), 1_000_300_000L, 100, b);
        assertEquals(3, later.grant().granted(), "one token per interval after it");
        assertTrue(first.ttlMicros() > 0);
    }

    @Test
    void overAnySpanTheBucketGrantsNoMoreThanItsCapacityAndTheRefill() {
        Bucket b = new Bucket(5, 10_000, 20_000);
        long tat = 0;
        long granted = 0;
        long start = 5_000_000_000L;
        for (long now = start; now < start + 1_000_000; now += 3_000) { // asked every 3 ms for 1 s
            QuotaRules.Take t = QuotaRules.take(tat, now, 3, b);
            tat = t.tat();
            granted += t.grant().granted();
        }
        assertTrue(granted <= 5 + 1_000_000 / 10_000, "granted " + granted);
        assertTrue(granted >= 95, "granted " + granted);
    }

    @Test
    void aProposalWinsOverNothingOverItsExpectedGenerationOrAsAnOperator() {
        FleetState open = new FleetState("p", 5, CircuitState.OPEN, 99, "a", false, 1);
        FleetState closed = new FleetState("p", 3, CircuitState.CLOSED, 0, "b", false, 2);
        assertEquals(open, FleetStates.accept(null, 0, open));
        assertEquals(6, FleetStates.accept(closed.withGeneration(5), 5, open).generation(), "raised past the stored");
        assertSame(closed, FleetStates.accept(closed, 2, open), "an outdated proposal loses");
        assertEquals(open, FleetStates.accept(closed, FleetStates.ANY, open));
        assertTrue(FleetStates.won(FleetStates.accept(closed, 3, open), open));
    }

    @Test
    void trialsAreClaimedUpToTheLimitAndCountTheirSuccesses() {
        FleetStates.Trials one = FleetStates.claim(null, 1);
        assertEquals(new FleetStates.Trials(1, 0), one);
        assertNull(FleetStates.claim(one, 1));
        assertEquals(new FleetStates.Trials(0, 1), FleetStates.finish(one, TrialOutcome.SUCCEEDED));
        assertEquals(new FleetStates.Trials(0, 0), FleetStates.finish(one, TrialOutcome.UNUSED));
    }

    @Test
    void messagesCrossTheWireUnchangedWhateverTheirNames() {
        BreakerSummary s = new BreakerSummary("pay|ments%", "node-1|x", 20, 7, CircuitState.CLOSED, 123, 1000);
        FleetState f = new FleetState("a\nb", 42, CircuitState.FORCED_OPEN, 0, "n%7C", true, 9);
        assertEquals(s, Wire.decode(Wire.encode(s)));
        assertEquals(f, Wire.decode(Wire.encode(f)));
        assertThrows(IllegalArgumentException.class, () -> Wire.decode("S|2|x"));
        assertThrows(IllegalArgumentException.class, () -> Wire.decode("S|1|b|m|x|1|CLOSED|1|1"));
    }
}
