package dev.steadfast.engine.cluster;

import dev.steadfast.engine.time.Clock;

import java.time.Instant;

/**
 * Measures how far the wall clock is ahead of a {@link Clock}'s monotonic reading: what turns the fleet's windows
 * (numbered by wall-clock time, the same on every member) into local clock readings.
 *
 * <p>The wall and the monotonic clock cannot be read at one instant. Read one after the other, a pause between the two
 * readings (a collection, a descheduled thread on a busy machine) goes straight into the offset, and every window edge
 * of this member moves by the length of the pause: it then admits from a window's lease after the fleet's window has
 * ended, or from the next one before it began. So the wall reading is bracketed by two monotonic ones and taken at
 * their midpoint; of a few tries the tightest bracket wins, and a measurement whose best bracket is wider than
 * {@link #MAX_SPREAD_NANOS} is not used (the previous offset stays). The offset is then exact to within half that
 * bracket, a few microseconds as a rule.
 */
final class WallOffset {

    /** Tries per measurement. */
    static final int TRIES = 5;
    /** A bracket this tight is taken at once. */
    static final long GOOD_SPREAD_NANOS = 20_000L;
    /** A measurement whose tightest bracket is wider than this is not used. */
    static final long MAX_SPREAD_NANOS = 200_000L;

    private WallOffset() {
    }

    /**
     * @param clock    the clock to measure
     * @param previous the offset measured before, kept when this measurement is not good enough
     * @param first    whether there is none before (the tightest bracket is then used, however wide)
     * @return wall-clock epoch nanoseconds minus {@code clock.nanoTime()}
     */
    static long measure(Clock clock, long previous, boolean first) {
        long bestSpread = Long.MAX_VALUE;
        long best = previous;
        for (int i = 0; i < TRIES && bestSpread > GOOD_SPREAD_NANOS; i++) {
            long before = clock.nanoTime();
            Instant wall = clock.instant();
            long after = clock.nanoTime();
            long spread = after - before;
            if (spread < bestSpread) {
                bestSpread = spread;
                best = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (before + spread / 2);
            }
        }
        return first || bestSpread <= MAX_SPREAD_NANOS ? best : previous;
    }
}
