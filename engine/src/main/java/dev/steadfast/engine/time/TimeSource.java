package dev.steadfast.engine.time;

import java.util.Objects;

/**
 * A clock and the timer that runs on it, handed to an engine together so that the two never disagree (a
 * {@link ManualTimer} fires only as its {@link ManualClock} advances). Used by {@link dev.steadfast.engine.EngineHook}
 * to give an engine virtual time in tests.
 *
 * @param clock measures intervals, stamps transitions and performs synchronous retry delays
 * @param timer runs the breakers' OPEN-to-HALF_OPEN moves, timeouts, delayed asynchronous retries and bulkhead waits
 */
public record TimeSource(Clock clock, Timer timer) {

    public TimeSource {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(timer, "timer");
    }

    /** {@code clock} and a new {@link ManualTimer} driven by it. */
    public static TimeSource manual(ManualClock clock) {
        return new TimeSource(clock, new ManualTimer(clock));
    }
}
