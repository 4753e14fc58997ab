package dev.steadfast.spi.cluster;

import dev.steadfast.CircuitState;

import java.util.Objects;

/**
 * The fleet's decision about one fleet-wide breaker: stored by {@link BreakerExchange#propose} (atomically, see
 * {@link FleetStates#accept}) and delivered to every member, which applies it when its {@link #generation()} is newer
 * than the last it applied. No stored state means CLOSED with generation 0.
 *
 * @param breaker          the breaker's name
 * @param generation       increases with every stored decision: {@code max(proposed, stored + 1)}, where members
 *                         propose their wall-clock milliseconds, so it keeps increasing after an entry expired
 * @param state            {@code OPEN}, {@code CLOSED} or {@code FORCED_OPEN} ({@code HALF_OPEN} follows from an
 *                         OPEN's {@link #untilEpochMillis()} on every member's own timer and is not sent)
 * @param untilEpochMillis for {@code OPEN}: when trial calls start (HALF_OPEN), one instant for every member; else 0
 * @param origin           the member id of the member that decided
 * @param operator         whether an operator's {@code forceOpen()} or {@code reset()} decided it (a reset also clears
 *                         every member's counters)
 * @param atEpochMillis    when it was decided, on the deciding member's clock
 */
public record FleetState(String breaker, long generation, CircuitState state, long untilEpochMillis, String origin,
        boolean operator, long atEpochMillis) implements ClusterMessage, java.io.Serializable {

    /** Checks the arguments. */
    public FleetState {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
    }

    /** The same decision with another generation. */
    public FleetState withGeneration(long value) {
        return new FleetState(breaker, value, state, untilEpochMillis, origin, operator, atEpochMillis);
    }
}
