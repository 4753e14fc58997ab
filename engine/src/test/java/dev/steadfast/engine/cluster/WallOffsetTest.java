package dev.steadfast.engine.cluster;

import dev.steadfast.engine.time.Clock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The offset between the wall clock and the monotonic one is measured so that a pause between the two readings does
 * not move the member's window edges (the Payara fleet test once saw a window admit 41 of 40 that way).
 */
class WallOffsetTest {

    /** The true offset of the clock below: its wall clock reads epoch 1,000 s when its monotonic one reads 0. */
    private static final long OFFSET = 1_000_000_000_000L;

    /**
     * A clock whose monotonic readings are scripted and whose wall clock follows the monotonic one exactly, as if read
     * at the previous monotonic reading plus {@code pause} (a pause after the wall reading shows as a wide bracket).
     */
    private static final class ScriptedClock implements Clock {
        private final Deque<Long> pauses;
        private long nanos = 5_000_000_000L;
        private long pauseAfterWall;

        ScriptedClock(List<Long> pausesAfterEachWallReading) {
            this.pauses = new ArrayDeque<>(pausesAfterEachWallReading);
        }

        @Override
        public long nanoTime() {
            nanos += 1_000 + pauseAfterWall; // each reading costs a microsecond; a pause shows in the next one
            pauseAfterWall = 0;
            return nanos;
        }

        @Override
        public Instant instant() {
            nanos += 1_000;
            pauseAfterWall = pauses.isEmpty() ? 0 : pauses.poll();
            long epoch = nanos + OFFSET;
            return Instant.ofEpochSecond(epoch / 1_000_000_000L, epoch % 1_000_000_000L);
        }

        @Override
        public void sleep(long n) {
            nanos += n;
        }
    }

    @Test
    void aPauseBetweenTheReadingsDoesNotGoIntoTheOffset() {
        // the first try is paused 30 ms after its wall reading: the old way (wall, then nanoTime) was 30 ms off
        long measured = WallOffset.measure(new ScriptedClock(List.of(30_000_000L, 0L)), 0, true);
        assertEquals(OFFSET, measured, "the tightest bracket's midpoint is the wall reading's instant");
    }

    @Test
    void aMeasurementWithNoTightBracketKeepsThePreviousOffset() {
        List<Long> allPaused = List.of(5_000_000L, 5_000_000L, 5_000_000L, 5_000_000L, 5_000_000L);
        assertEquals(OFFSET + 7, WallOffset.measure(new ScriptedClock(allPaused), OFFSET + 7, false));
    }

    @Test
    void theFirstMeasurementIsUsedEvenWhenEveryBracketIsWide() {
        List<Long> allPaused = List.of(5_000_000L, 4_000_000L, 5_000_000L, 5_000_000L, 5_000_000L);
        long measured = WallOffset.measure(new ScriptedClock(allPaused), 0, true);
        assertEquals(OFFSET - 2_000_000L, measured, "the tightest (4 ms) bracket's midpoint: off by half of it");
    }
}
