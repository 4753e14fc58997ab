package dev.steadfast.engine.time;

import java.time.Instant;

/**
 * The engine's only source of time. Strategies measure and wait through it and never call {@code System.nanoTime()}
 * or {@code Thread.sleep()} themselves, so tests swap in a {@link ManualClock} and step it.
 */
public interface Clock {

    /** A monotonic reading in nanoseconds, for measuring intervals. */
    long nanoTime();

    /** The wall-clock time, for timestamps that people read. */
    Instant instant();

    /** Blocks the calling thread for {@code nanos}; interruptible. */
    void sleep(long nanos) throws InterruptedException;
}
