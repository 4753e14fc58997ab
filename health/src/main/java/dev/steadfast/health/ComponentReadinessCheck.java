package dev.steadfast.health;

import dev.steadfast.ComponentHealth;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Collection;
import java.util.Map;

/**
 * A MicroProfile Health readiness check named {@value #NAME} that publishes the application's
 * {@link dev.steadfast.ComponentCheck}s, as {@link FaultToleranceHealth#report()} shows them (a check that runs on
 * demand is run now, with its timeout: a hung component makes this check answer, never hang).
 *
 * <p><b>Status.</b> DOWN when a <em>critical</em> component is {@link HealthStatus#FAILING}, else UP. Critical
 * components are the ones listed in the MicroProfile Config property {@value #CRITICAL_KEY} (comma-separated check
 * names; {@code *} makes every component critical), read when the check is created. By default none is critical, as
 * for breakers: a component that only some requests need must not take the whole application out of the load
 * balancer. A DEGRADED component is UP: it still works.
 *
 * <p><b>Data</b>, for every component, critical or not, under its name: {@code <name>.status} ({@code HEALTHY},
 * {@code DEGRADED} or {@code FAILING}), {@code <name>.critical}, {@code <name>.age-ms} (how old the result is: a
 * scheduled check's latest run) and, when the check did not answer itself, {@code <name>.failure} (the exception's
 * class name, {@code dev.steadfast.TimeoutExceededException} for a check that did not answer in time; never a
 * message). A critical name that matches no component is listed under {@code unknown-critical-components} and logged
 * once as a warning, so that a typo does not silently disable the check.
 *
 * <p>An application-scoped bean, discovered through the jar's {@code beans.xml}; thread-safe.
 */
@Readiness
@ApplicationScoped
public class ComponentReadinessCheck implements HealthCheck {

    /** The name of the check in the health report. */
    public static final String NAME = "steadfast-components";

    /** The MicroProfile Config property listing the critical components. */
    public static final String CRITICAL_KEY = "steadfast.health.critical-components";

    @Inject
    FaultToleranceHealth health;

    private final CriticalNames critical = new CriticalNames(CRITICAL_KEY, NAME, "component check");

    /** For CDI. */
    public ComponentReadinessCheck() {
    }

    /**
     * A check over {@code health} (for instance {@code Steadfast.health()}) with the given critical names, for use
     * without CDI.
     *
     * @param critical names of the critical components; {@code "*"} makes every component critical
     */
    public ComponentReadinessCheck(FaultToleranceHealth health, Collection<String> critical) {
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
        Map<String, ComponentHealth> components = health.report().components();
        for (ComponentHealth c : components.values()) {
            String name = c.name();
            boolean isCritical = critical.isCritical(name);
            if (isCritical && c.status() == HealthStatus.FAILING) {
                up = false;
            }
            response.withData(name + ".status", c.status().name())
                    .withData(name + ".critical", isCritical)
                    .withData(name + ".age-ms", c.age().toMillis());
            c.failure().ifPresent(f -> response.withData(name + ".failure", f));
        }
        critical.reportUnknown(response, "unknown-critical-components", components.keySet());
        return response.status(up).build();
    }
}
