package dev.steadfast.engine.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many permits a member leases, on its own. */
class LeaseSizingTest {

    private static final double PER_SECOND = 1e-9;

    @Test
    void aLeaseCoversTwiceTheTimeARefillTakesAtTheRecentRate() {
        // 1000 calls a second, a refill takes 10 ms: 10 calls while it comes, 20 leased.
        assertEquals(20, LeaseSizing.want(1000 * PER_SECOND, 10_000_000L, 10_000, 3, 10_000));
        assertEquals(10, LeaseSizing.lowWater(1000 * PER_SECOND, 10_000_000L));
    }

    @Test
    void aLeaseIsNeverMoreThanTheFairShareOfWhatIsLeft() {
        // Unbounded demand: half of what is left, divided among the members.
        assertEquals(16, LeaseSizing.want(1e6 * PER_SECOND, 10_000_000L, 100, 3, 100));
        assertEquals(1, LeaseSizing.want(1e6 * PER_SECOND, 10_000_000L, 5, 3, 100), "the tail goes one by one");
    }

    @Test
    void aLeaseIsAtLeastOnePermit() {
        assertEquals(1, LeaseSizing.want(0, 10_000_000L, 100, 3, 100));
        assertEquals(1, LeaseSizing.lowWater(0, 10_000_000L));
    }

    @Test
    void theSurplusIsWhatTheRecentRateWillNotSpendBeforeTheWindowEnds() {
        // 10 calls a second, 500 ms left: it keeps 5 × 1.5 (rounded up) + 1 = 9, gives back the rest of 30.
        assertEquals(21, LeaseSizing.surplus(30, 10 * PER_SECOND, 500_000_000L));
        assertEquals(0, LeaseSizing.surplus(5, 10 * PER_SECOND, 500_000_000L));
    }
}
