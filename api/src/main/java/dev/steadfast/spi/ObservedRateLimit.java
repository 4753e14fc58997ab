package dev.steadfast.spi;

import dev.steadfast.RateLimitType;

import java.time.Duration;

/**
 * A live, read-only view of one operation's rate limit, for gauges and consoles. Thread-safe; reading never blocks and
 * never takes a permit.
 *
 * <p>What counts as used depends on the {@link #type()}: for {@code FIXED}, the permits taken in the current window;
 * for {@code ROLLING}, the calls admitted during the last {@link #window()}; for {@code SMOOTH}, the tokens missing
 * from the bucket. {@code minSpacing} is not taken into account: a call may find a permit {@linkplain #available()
 * available} and still wait for the spacing. Under concurrent calls the numbers are a moment's reading, not a promise
 * that the next call is admitted.
 */
public interface ObservedRateLimit {

    /** Calls admitted per window ({@code @RateLimit.value}). */
    int limit();

    /** The window ({@code @RateLimit.window} in its unit). */
    Duration window();

    /** How the window moves. */
    RateLimitType type();

    /** Permits a call could take now, from {@code 0} to {@link #limit()}. */
    int available();

    /** Permits in use now: {@link #limit()} minus {@link #available()}. */
    default int used() {
        return limit() - available();
    }
}
