package dev.steadfast.health;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitState;
import dev.steadfast.ClusterStatus;
import dev.steadfast.FaultToleranceHealth;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A MicroProfile Health readiness check named {@value #NAME} that reports every Steadfast circuit breaker.
 *
 * <p><b>Status.</b> DOWN when a <em>critical</em> breaker is OPEN or FORCED_OPEN, else UP. Critical breakers are the
 * ones listed in the MicroProfile Config property {@value #CRITICAL_KEY} (comma-separated registry names: a named
 * breaker's name, or {@code <fully.qualified.Class>#<method>}; {@code *} makes every breaker critical), read when the
 * check is created. By default no breaker is critical: a dependency that has a fallback or that only some requests
 * need must not take the whole application out of the load balancer. A HALF_OPEN breaker is UP: it is letting trial
 * calls through, and an instance taken out of rotation would never get the traffic that closes it.
 *
 * <p><b>Data</b>, for every breaker, critical or not, under its registry name: {@code <name>.state},
 * {@code <name>.critical}, {@code <name>.calls}, {@code <name>.failed-calls}, {@code <name>.rejected-calls}
 * (counters since the start or the last reset), and, while OPEN, {@code <name>.retry-after-ms} (time until it lets
 * trial calls through). A critical name that matches no breaker is listed under {@code unknown-critical-breakers}
 * and logged once as a warning, so that a typo does not silently disable the check.
 *
 * <p><b>Cluster.</b> An application with fleet-wide ({@code CLUSTER}) rate limits or breakers also reports
 * {@code cluster}: {@code CONNECTED}, or {@code DEGRADED} while its cluster backend is unreachable and those policies
 * decide on this instance alone. A degraded cluster does not make the check DOWN: the instance still serves, within
 * its local share.
 *
 * <p>An application-scoped bean, discovered through the jar's {@code beans.xml}; thread-safe.
 */
@Readiness
@ApplicationScoped
public class CircuitBreakerReadinessCheck implements HealthCheck {

    /** The name of the check in the health report. */
    public static final String NAME = "steadfast-circuit-breakers";

    /** The MicroProfile Config property listing the critical breakers. */
    public static final String CRITICAL_KEY = "steadfast.health.critical-breakers";

    @Inject
    CircuitBreakers breakers;

    @Inject
    FaultToleranceHealth health;

    private final CriticalNames critical = new CriticalNames(CRITICAL_KEY, NAME, "circuit breaker");

    /** For CDI. */
    public CircuitBreakerReadinessCheck() {
    }

    /**
     * A check over {@code breakers} with the given critical names, for use without CDI.
     *
     * @param critical registry names of the critical breakers; {@code "*"} makes every breaker critical
     */
    public CircuitBreakerReadinessCheck(CircuitBreakers breakers, Collection<String> critical) {
        this(breakers, null, critical);
    }

    /**
     * A check over {@code breakers} and the cluster status {@code health} reports, for use without CDI.
     *
     * @param health   the report that tells the cluster status; {@code null} for an application without one
     * @param critical registry names of the critical breakers; {@code "*"} makes every breaker critical
     */
    public CircuitBreakerReadinessCheck(CircuitBreakers breakers, FaultToleranceHealth health,
            Collection<String> critical) {
        this.breakers = breakers;
        this.health = health;
        this.critical.set(critical);
    }

    @PostConstruct
    void readConfig() {
        critical.readConfig();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = true;
        Set<String> seen = new TreeSet<>();
        for (CircuitBreakerHandle b : breakers.all()) {
            String name = b.name();
            seen.add(name);
            // Read once: the state decides both the status and the data, so they never disagree.
            CircuitState state = b.state();
            boolean isCritical = critical.isCritical(name);
            boolean open = state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN;
            if (isCritical && open) {
                up = false;
            }
            CircuitBreakerStats stats = b.stats();
            response.withData(name + ".state", state.name())
                    .withData(name + ".critical", isCritical)
                    .withData(name + ".calls", stats.totalCalls())
                    .withData(name + ".failed-calls", stats.failedCalls())
                    .withData(name + ".rejected-calls", stats.rejectedCalls());
            if (state == CircuitState.OPEN) {
                Optional<Duration> retryAfter = b.retryAfter();
                if (retryAfter.isPresent()) {
                    response.withData(name + ".retry-after-ms", retryAfter.get().toMillis());
                }
            }
        }
        // clusterStatus(), not report(): the breakers' check runs no component check
        ClusterStatus cluster = health == null ? ClusterStatus.LOCAL : health.clusterStatus();
        if (cluster != ClusterStatus.LOCAL) {
            response.withData("cluster", cluster.name());
        }
        critical.reportUnknown(response, "unknown-critical-breakers", seen);
        return response.status(up).build();
    }
}
