package dev.steadfast.engine.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when told to, for tests of time-driven behaviour that run in milliseconds. {@link #sleep}
 * advances the clock instead of blocking and records the requested time, so a test can assert the delays a retry
 * waited. A {@link ManualTimer} built on it fires its actions as the clock passes their deadlines. Thread-safe.
 */
public final class ManualClock implements Clock {

    private final Instant origin;
    private final List<Runnable> onAdvance = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private long nanos;

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public ManualClock(Instant origin) {
        this.origin = origin;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant instant() {
        return origin.plusNanos(nanos);
    }

    /** Advances the clock by {@code nanos} instead of blocking; throws if the thread is interrupted. */
    @Override
    public void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        synchronized (this) {
            sleeps.add(Duration.ofNanos(nanos));
        }
        advanceNanos(nanos);
    }

    /** Moves time forward and fires whatever became due. */
    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("time only moves forward: " + delta);
        }
        synchronized (this) {
            nanos += delta;
        }
        for (Runnable r : onAdvance) {
            r.run();
        }
    }

    /** Every {@link #sleep} so far, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    void onAdvance(Runnable r) {
        onAdvance.add(r);
    }
}
