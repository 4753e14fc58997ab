package dev.steadfast;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest result of one {@link ComponentCheck}, as a {@link SystemHealth} report shows it.
 *
 * @param name      the check's name
 * @param status    what the check answered; {@link HealthStatus#FAILING} when it threw, answered {@code null} or did
 *                  not answer within its timeout
 * @param failure   why it is {@code FAILING} without having said so itself: the class name of the exception the check
 *                  threw, {@code dev.steadfast.TimeoutExceededException} when it did not answer in time (or is still
 *                  busy with an earlier run), {@code java.lang.NullPointerException} when it answered {@code null},
 *                  {@code java.util.concurrent.RejectedExecutionException} when the executor refused the run. Never a
 *                  message (messages carry connection strings and credentials). Empty when the check answered.
 * @param checkedAt when the run that produced this result started, on the engine's clock
 * @param age       how old the result was when the report was made: zero or a few milliseconds for a check run on
 *                  demand, up to its interval (plus its run time) for a scheduled one
 */
public record ComponentHealth(String name, HealthStatus status, Optional<String> failure, Instant checkedAt,
        Duration age) {

    /** Checks the arguments. */
    public ComponentHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(age, "age");
    }
}
