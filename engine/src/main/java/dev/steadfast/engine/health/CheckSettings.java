package dev.steadfast.engine.health;

import java.time.Duration;
import java.util.Objects;

/**
 * How component checks run when they do not say themselves ({@link dev.steadfast.ComponentCheck#interval()},
 * {@link dev.steadfast.ComponentCheck#timeout()}): the application's {@code steadfast.health.check-interval} and
 * {@code steadfast.health.check-timeout}.
 *
 * @param interval how often a check runs on its own; {@link Duration#ZERO} runs it on demand only
 * @param timeout  how long one run may take before it is reported FAILING; positive
 */
public record CheckSettings(Duration interval, Duration timeout) {

    /** On demand, two seconds: what the standalone engine and an application without config get. */
    public static final CheckSettings DEFAULTS = new CheckSettings(Duration.ZERO, Duration.ofSeconds(2));

    /** @throws IllegalArgumentException when the interval is negative or the timeout not positive */
    public CheckSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        String broken = intervalRule(interval);
        if (broken == null) {
            broken = timeoutRule(timeout);
        }
        if (broken != null) {
            throw new IllegalArgumentException(broken);
        }
    }

    /** What is wrong with {@code interval}, or {@code null}. */
    static String intervalRule(Duration interval) {
        return interval.isNegative() ? "interval " + interval + " is negative; use 0 to check on demand only" : null;
    }

    /** What is wrong with {@code timeout}, or {@code null}. */
    static String timeoutRule(Duration timeout) {
        return timeout.isNegative() || timeout.isZero()
                ? "timeout " + timeout + " is not positive; a check needs some time to answer" : null;
    }
}
