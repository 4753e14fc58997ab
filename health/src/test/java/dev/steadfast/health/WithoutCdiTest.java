package dev.steadfast.health;

import dev.steadfast.ClusterStatus;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.SystemHealth;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.BreakerRegistry;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check built by hand over a registry, as code without CDI would use it. */
class WithoutCdiTest {

    private final ManualClock clock = new ManualClock();
    private final BreakerRegistry registry = new BreakerRegistry(clock, new ManualTimer(clock), EngineListener.NONE);

    @Test
    void reportsTheRegistryItIsGivenWithTheCriticalNamesItIsGiven() {
        registry.getOrCreate("payments", BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0)
                .delay(Duration.ofSeconds(30)).build()).forceOpen();
        registry.getOrCreate("search", BreakerPolicy.defaults()).forceOpen();

        HealthCheckResponse critical = new CircuitBreakerReadinessCheck(registry, List.of(" payments ", "")).call();
        HealthCheckResponse relaxed = new CircuitBreakerReadinessCheck(registry, List.of()).call();

        assertEquals(CircuitBreakerReadinessCheck.NAME, critical.getName());
        assertEquals(HealthCheckResponse.Status.DOWN, critical.getStatus());
        assertEquals(true, critical.getData().orElseThrow().get("payments.critical"));
        assertEquals(false, critical.getData().orElseThrow().get("search.critical"));
        assertEquals(HealthCheckResponse.Status.UP, relaxed.getStatus());
        assertEquals("FORCED_OPEN", relaxed.getData().orElseThrow().get("search.state"));
        assertEquals(null, relaxed.getData().orElseThrow().get("cluster"), "no cluster, no cluster entry");
    }

    @Test
    void aDegradedClusterIsReportedAndLeavesTheCheckUp() {
        registry.getOrCreate("payments", BreakerPolicy.defaults());
        FaultToleranceHealth degraded = () -> new SystemHealth(HealthStatus.DEGRADED,
                Map.of("payments", HealthStatus.HEALTHY), ClusterStatus.DEGRADED);

        HealthCheckResponse r = new CircuitBreakerReadinessCheck(registry, degraded, List.of("*")).call();

        assertEquals(HealthCheckResponse.Status.UP, r.getStatus(), "each instance still serves, within its share");
        assertEquals("DEGRADED", r.getData().orElseThrow().get("cluster"));
    }
}
