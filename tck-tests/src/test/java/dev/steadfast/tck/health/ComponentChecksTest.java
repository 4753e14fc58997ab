package dev.steadfast.tck.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.ComponentHealth;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.SystemHealth;
import dev.steadfast.guard.Steadfast;
import dev.steadfast.tck.support.ManualTime;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.HealthStatus.DEGRADED;
import static dev.steadfast.HealthStatus.FAILING;
import static dev.steadfast.HealthStatus.HEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Component checks in the health report (docs/degradation.md): CDI beans registered at deployment, run on demand or on
 * a schedule, on the asynchronous executor with the request context active; a hung check FAILING at its timeout, a
 * throwing one FAILING with its type; the worst of components and breakers wins. Time is a manual clock.
 */
class ComponentChecksTest {

    private final ManualTime time = new ManualTime();
    private TestContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    private FaultToleranceHealth start(Map<String, String> config, Class<?>... beans) {
        container = time.start(config, beans);
        return container.select(FaultToleranceHealth.class);
    }

    @Test
    void aCheckBeanIsReportedBesideTheBreakersAndTheWorstOfAllWins() throws Exception {
        FaultToleranceHealth health = start(Map.of(), DatabaseCheck.class, RequestTrace.class, Payments.class);
        DatabaseCheck db = container.select(DatabaseCheck.class);

        SystemHealth report = health.report();
        assertEquals(HEALTHY, report.status());
        assertEquals(Map.of("payments", HEALTHY), report.breakers());
        assertEquals(Map.of("database", new ComponentHealth("database", HEALTHY, Optional.empty(),
                time.clock.instant(), Duration.ZERO)), report.components());

        db.answer(DEGRADED);
        assertEquals(DEGRADED, health.report().status());

        assertThrows(IOException.class, () -> container.select(Payments.class).charge(true));
        assertEquals(FAILING, health.report().status(), "an open breaker is worse than a degraded component");
    }

    @Test
    void onDemandEveryReportRunsTheCheckOnTheExecutorWithTheRequestContextActive() {
        FaultToleranceHealth health = start(Map.of(), DatabaseCheck.class, RequestTrace.class);
        DatabaseCheck db = container.select(DatabaseCheck.class);
        assertEquals(List.of(), db.ranOn(), "on demand: nothing runs before the first report");

        health.report();
        health.report();

        assertEquals(2, db.ranOn().size());
        assertTrue(db.ranOn().stream().allMatch(t -> t.startsWith("steadfast-async-")), db.ranOn()::toString);
        assertEquals(HEALTHY, health.report().components().get("database").status(),
                "a request-scoped bean works in the check");
    }

    @Test
    void aThrowingCheckIsFailingWithItsExceptionsTypeAndNeverItsMessage() {
        FaultToleranceHealth health = start(Map.of(), DiskCheck.class);

        ComponentHealth disk = health.report().components().get("disk");

        assertEquals(FAILING, disk.status());
        assertEquals(Optional.of("java.io.IOException"), disk.failure());
        assertFalse(disk.toString().contains("hunter2"));
    }

    @Test
    void aHungCheckIsFailingAtTheConfiguredTimeoutNeverAHungReport() throws Exception {
        FaultToleranceHealth health = start(Map.of("steadfast.health.check-timeout", "5s"), DownstreamCheck.class,
                Payments.class);
        DownstreamCheck downstream = container.select(DownstreamCheck.class);

        CompletableFuture<SystemHealth> report = CompletableFuture.supplyAsync(health::report);
        assertTrue(downstream.awaitStarted());
        assertFalse(report.isDone());
        time.clock.advance(Duration.ofSeconds(5));

        SystemHealth r = report.get(10, TimeUnit.SECONDS);
        assertEquals(FAILING, r.status());
        assertEquals(Optional.of("dev.steadfast.TimeoutExceededException"),
                r.components().get("downstream").failure());
        assertEquals(Map.of("payments", HEALTHY), r.breakers());
        awaitTrue(downstream::interrupted); // the hung check's thread is interrupted at the deadline
        downstream.release();
    }

    @Test
    void onAScheduleTheReportShowsTheLatestResultWithItsAgeAndRunsNothing() {
        ReplicaCheck.RUNS.set(0);
        ReplicaCheck.answer = HEALTHY;
        FaultToleranceHealth health = start(Map.of(), ReplicaCheck.class);
        assertEquals(HEALTHY, health.report().components().get("replica").status(), "the run at deployment");
        assertEquals(1, ReplicaCheck.RUNS.get());

        ReplicaCheck.answer = FAILING;
        time.clock.advance(Duration.ofSeconds(20));
        ComponentHealth cached = health.report().components().get("replica");
        assertEquals(HEALTHY, cached.status());
        assertEquals(Duration.ofSeconds(20), cached.age());
        assertEquals(1, ReplicaCheck.RUNS.get(), "reports run no scheduled check");

        time.clock.advance(Duration.ofSeconds(10)); // the interval since the first run
        awaitTrue(() -> health.report().components().get("replica").status() == FAILING);
        assertEquals(2, ReplicaCheck.RUNS.get());
    }

    @Test
    void theConfiguredIntervalSchedulesEveryCheckThatNamesNone() {
        FaultToleranceHealth health = start(Map.of("steadfast.health.check-interval", "1m"), DatabaseCheck.class,
                RequestTrace.class);
        DatabaseCheck db = container.select(DatabaseCheck.class);
        health.report();
        health.report();
        assertEquals(1, db.ranOn().size(), "scheduled: the run at deployment, and reports run nothing");

        time.clock.advance(Duration.ofMinutes(1));
        awaitTrue(() -> db.ranOn().size() == 2);
    }

    @Test
    void healthKeysThatDoNotParseFailTheDeploymentNamingKeyAndValue() {
        assertEquals(List.of("Config key steadfast.health.check-interval: 'often' is not a time of 0 or more (0 checks"
                        + " on demand only): use milliseconds, a number with ms, s, m or h, or an ISO-8601 duration"
                        + " such as PT30S",
                        "Config key steadfast.health.check-timeout: '0' is not a time above 0: use milliseconds, a"
                        + " number with ms, s, m or h, or an ISO-8601 duration such as PT30S"),
                TestContainer.deploymentErrors(Map.of("steadfast.health.check-timeout", "0",
                        "steadfast.health.check-interval", "often"), DiskCheck.class));
    }

    @Test
    void strictConfigKnowsTheHealthKeys() {
        FaultToleranceHealth health = start(Map.of("steadfast.health.check-timeout", "PT1S",
                "steadfast.health.check-interval", "0"), DiskCheck.class);

        assertEquals(FAILING, health.report().status());
    }

    @Test
    void twoChecksWithOneNameFailTheDeployment() {
        List<String> errors = TestContainer.deploymentErrors(DatabaseCheck.class, RequestTrace.class,
                OtherDatabaseCheck.class);

        assertEquals(1, errors.size(), errors::toString);
        assertTrue(errors.get(0).matches("Component check bean dev\\.steadfast\\.tck\\.health\\.\\w+: Component check"
                + " 'database' \\(.*\\) has the name of a check already registered \\(.*\\); names must be unique"),
                errors.get(0));
    }

    @Test
    void aCheckRegisteredWithoutCdiWhileTheContainerRunsIsInTheInjectedReport() {
        FaultToleranceHealth health = start(Map.of(), Payments.class);

        try (FaultToleranceHealth.Registration r = Steadfast.health().register(new ComponentCheck() {
            @Override
            public String name() {
                return "legacy-queue";
            }

            @Override
            public HealthStatus check() {
                return DEGRADED;
            }
        })) {
            assertEquals(DEGRADED, health.report().components().get("legacy-queue").status());
        }
        assertEquals(Map.of(), health.report().components());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within 10 s");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
