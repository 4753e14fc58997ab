package dev.steadfast.spi.cluster;

import dev.steadfast.CircuitState;

import java.util.Objects;

/**
 * One member's recent window of a fleet-wide breaker, published every {@link ClusterContext#interval()} while the
 * member records outcomes, and at once on each of its transitions. Receivers keep the latest per member and drop it
 * {@link #validForMillis()} after {@link #atEpochMillis()}.
 *
 * @param breaker        the breaker's name
 * @param member         the publishing member's id
 * @param calls          outcomes in its window (up to {@code requestVolumeThreshold})
 * @param failures       failures among them
 * @param state          its breaker's state when it published
 * @param atEpochMillis  when it published, on its clock
 * @param validForMillis how long receivers may count it
 */
public record BreakerSummary(String breaker, String member, int calls, int failures, CircuitState state,
        long atEpochMillis, long validForMillis) implements ClusterMessage, java.io.Serializable {

    /** Checks the arguments. */
    public BreakerSummary {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(state, "state");
        if (calls < 0 || failures < 0 || failures > calls) {
            throw new IllegalArgumentException("a window of " + calls + " calls cannot hold " + failures
                    + " failures");
        }
    }

    /** Whether a receiver may still count it at {@code nowEpochMillis}. */
    public boolean validAt(long nowEpochMillis) {
        return nowEpochMillis - atEpochMillis < validForMillis;
    }
}
