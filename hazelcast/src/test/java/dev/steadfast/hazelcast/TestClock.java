package dev.steadfast.hazelcast;

import dev.steadfast.engine.time.Clock;

import java.time.Instant;

/**
 * The real clock, whose wall time is its monotonic time plus a fixed base (so members in one JVM agree exactly and
 * the offset the exchange measures does not wander), and which remembers on each thread the first reading taken
 * since {@link #mark()}: the reading a rate limiter decided a call with, so a test can tell which window admitted it.
 */
final class TestClock implements Clock {

    static final TestClock INSTANCE = new TestClock();

    private static final long BASE = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private static final ThreadLocal<long[]> FIRST = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    @Override
    public long nanoTime() {
        long now = System.nanoTime();
        long[] first = FIRST.get();
        if (first[0] == Long.MIN_VALUE) {
            first[0] = now;
        }
        return now;
    }

    @Override
    public Instant instant() {
        long epochNanos = BASE + System.nanoTime();
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** Epoch nanoseconds now, on this clock. */
    long epochNanos() {
        return BASE + System.nanoTime();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }

    /** Forgets this thread's first reading. */
    static void mark() {
        FIRST.get()[0] = Long.MIN_VALUE;
    }

    /** This thread's first reading since {@link #mark()}. */
    static long first() {
        return FIRST.get()[0];
    }
}
