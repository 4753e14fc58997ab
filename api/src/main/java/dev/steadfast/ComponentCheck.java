package dev.steadfast;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks one component the application depends on (a database ping, free disk space, a downstream service's own
 * health URL) for the {@link FaultToleranceHealth} report, beside the circuit breakers. A CDI bean implementing it is
 * registered when the container starts; code without CDI registers one with {@link FaultToleranceHealth#register}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class DatabaseCheck implements ComponentCheck {
 *     @Inject DataSource db;
 *
 *     public String name() { return "database"; }
 *
 *     public HealthStatus check() throws SQLException {
 *         try (Connection c = db.getConnection()) {
 *             return c.isValid(1) ? HealthStatus.HEALTHY : HealthStatus.FAILING;
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p><b>How it is run.</b> Never on the caller's thread and never on Steadfast's timer thread: each run is handed to
 * the asynchronous executor (the one {@code @Asynchronous} methods use), with the CDI request context active. A run
 * that has not answered within its {@linkplain #timeout() timeout} is reported {@link HealthStatus#FAILING} (with
 * {@link TimeoutExceededException} as its failure) and its thread is interrupted; a run that throws is
 * {@code FAILING} with the exception's type (never its message); one that returns {@code null} is {@code FAILING}
 * with {@link NullPointerException}. At most one run of a check is under way at a time: while a run is still busy, even
 * after its timeout, no other is started, so a hung component never ties up more than one thread. With an
 * {@linkplain #interval() interval} the check runs on that schedule and a report shows the latest result with its
 * age; without one it runs when a report is asked for.
 *
 * <p>Implementations must be thread-safe (a check may be run from several threads over time, never twice at once)
 * and should answer quickly; they need not catch their own exceptions.
 */
public interface ComponentCheck {

    /**
     * The component's name in the report (and in {@code steadfast.health.critical-components}); not blank, and unique
     * among the checks of one application. Asked once, when the check is registered.
     */
    String name();

    /**
     * Checks the component now.
     *
     * @return {@link HealthStatus#HEALTHY}, {@link HealthStatus#DEGRADED} (working, but impaired: a replica lagging,
     *         a disk nearly full) or {@link HealthStatus#FAILING}
     * @throws Exception whatever the check runs into; the component is then reported {@code FAILING} with the
     *                   exception's type
     */
    HealthStatus check() throws Exception;

    /**
     * How often this check runs on its own: {@link Duration#ZERO} runs it on demand only (when a report is asked
     * for); empty (the default) takes the application's setting, {@code steadfast.health.check-interval} (on demand
     * unless set). Asked once, when the check is registered.
     */
    default Optional<Duration> interval() {
        return Optional.empty();
    }

    /**
     * How long one run may take before it is reported {@code FAILING}; positive. Empty (the default) takes the
     * application's setting, {@code steadfast.health.check-timeout} (2 s unless set). Asked once, when the check is
     * registered.
     */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }
}
