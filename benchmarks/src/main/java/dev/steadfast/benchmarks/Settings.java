package dev.steadfast.benchmarks;

import java.time.Duration;

/**
 * The one configuration every library gets, so the comparison is like for like (README.md, "Equivalence"). These are
 * Steadfast's annotation defaults where it has one, and values that never trigger on the happy path otherwise.
 */
public final class Settings {

    /** Count-based window of the last 20 calls; no decision before it has filled. */
    public static final int BREAKER_WINDOW = 20;

    /** Open at 50 % failures in the window. */
    public static final double BREAKER_FAILURE_RATIO = 0.5;

    /** Time open before a trial call. */
    public static final Duration BREAKER_DELAY = Duration.ofSeconds(5);

    /** Time open for the rejected-call benchmarks: never half-opens during a run. */
    public static final Duration OPEN_BREAKER_DELAY = Duration.ofHours(1);

    /** Retries after the first attempt (4 attempts in all). */
    public static final int MAX_RETRIES = 3;

    /** Constant delay between attempts, no jitter. */
    public static final Duration RETRY_DELAY = Duration.ofMillis(10);

    /** Budget of all attempts, where the library has one (Steadfast's and MicroProfile's default). */
    public static final Duration RETRY_MAX_DURATION = Duration.ofMinutes(3);

    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** Concurrent calls; a caller that finds it full is rejected at once (no waiting). */
    public static final int BULKHEAD = 10;

    /** Calls per window: far above what two cores can make, so the limiter never rejects. */
    public static final int RATE_LIMIT = 1_000_000_000;

    public static final Duration RATE_WINDOW = Duration.ofSeconds(1);

    private Settings() {
    }
}
