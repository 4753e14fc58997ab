package dev.steadfast.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The components' readiness check on SmallRye Health and Weld SE: every component check published with its status,
 * DOWN only for a critical component that is FAILING. Checks run on demand, on real time (a hung one has a 200 ms
 * timeout). The check beans are application scoped: the tests steer them through methods, which reach the instance
 * behind the client proxy.
 */
class ComponentReadinessCheckTest {

    private static final Map<String, String> CRITICAL_DATABASE = Map.of(ComponentReadinessCheck.CRITICAL_KEY,
            "database");

    @Test
    void everyComponentIsPublishedAndAllHealthyIsUp() {
        try (HealthContainer app = HealthContainer.withComponents(CRITICAL_DATABASE, Database.class, SearchIndex.class)) {
            JsonObject check = app.check(ComponentReadinessCheck.NAME);

            assertEquals("UP", check.getString("status"));
            JsonObject data = check.getJsonObject("data");
            assertEquals("HEALTHY", data.getString("database.status"));
            assertTrue(data.getBoolean("database.critical"));
            assertEquals("HEALTHY", data.getString("search-index.status"));
            assertFalse(data.getBoolean("search-index.critical"));
            assertTrue(data.getJsonNumber("database.age-ms").longValue() >= 0);
            assertFalse(data.containsKey("database.failure"), "a check that answered has no failure");
            assertEquals(HealthCheckResponse.Status.UP, app.readiness().getStatus());
        }
    }

    @Test
    void aFailingCriticalComponentIsDownWithTheExceptionsTypeNeverItsMessage() {
        try (HealthContainer app = HealthContainer.withComponents(CRITICAL_DATABASE, Database.class, SearchIndex.class)) {
            app.select(Database.class).unreachable(true);

            JsonObject check = app.check(ComponentReadinessCheck.NAME);

            assertEquals("DOWN", check.getString("status"));
            assertEquals("FAILING", check.getJsonObject("data").getString("database.status"));
            assertEquals("java.sql.SQLException", check.getJsonObject("data").getString("database.failure"));
            assertTrue(app.readiness().isDown());
            assertFalse(app.readinessJson().contains("secret"), "no message of the failure in the report");

            app.select(Database.class).unreachable(false);
            assertEquals("UP", app.check(ComponentReadinessCheck.NAME).getString("status"), "checked again");
        }
    }

    @Test
    void aFailingOrDegradedComponentThatIsNotCriticalKeepsItUp() {
        try (HealthContainer app = HealthContainer.withComponents(CRITICAL_DATABASE, Database.class, SearchIndex.class)) {
            app.select(SearchIndex.class).answer(HealthStatus.FAILING);
            app.select(Database.class).answer(HealthStatus.DEGRADED);

            JsonObject check = app.check(ComponentReadinessCheck.NAME);

            assertEquals("UP", check.getString("status"), "a degraded critical component still works");
            assertEquals("FAILING", check.getJsonObject("data").getString("search-index.status"));
            assertEquals("DEGRADED", check.getJsonObject("data").getString("database.status"));
        }
    }

    @Test
    void everyComponentIsCriticalWithAStar() {
        try (HealthContainer app = HealthContainer.withComponents(Map.of(ComponentReadinessCheck.CRITICAL_KEY, "*"),
                Database.class, SearchIndex.class)) {
            app.select(SearchIndex.class).answer(HealthStatus.FAILING);

            assertEquals("DOWN", app.check(ComponentReadinessCheck.NAME).getString("status"));
        }
    }

    @Test
    void aHungCriticalComponentMakesItDownAtItsTimeoutAndTheEndpointAnswers() {
        try (HealthContainer app = HealthContainer.withComponents(Map.of(ComponentReadinessCheck.CRITICAL_KEY, "ledger"),
                Ledger.class, Database.class)) {
            try {
                long start = System.nanoTime();
                JsonObject check = app.check(ComponentReadinessCheck.NAME);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;

                assertEquals("DOWN", check.getString("status"));
                assertEquals("dev.steadfast.TimeoutExceededException",
                        check.getJsonObject("data").getString("ledger.failure"));
                assertEquals("HEALTHY", check.getJsonObject("data").getString("database.status"));
                assertTrue(tookMillis < 10_000, "the report waits about the check's 200 ms timeout: " + tookMillis);
            } finally {
                app.select(Ledger.class).release();
            }
        }
    }

    @Test
    void aCriticalNameThatMatchesNoComponentIsListed() {
        try (HealthContainer app = HealthContainer.withComponents(Map.of(ComponentReadinessCheck.CRITICAL_KEY,
                "database, databse"), Database.class)) {
            JsonObject check = app.check(ComponentReadinessCheck.NAME);

            assertEquals("UP", check.getString("status"));
            assertEquals("databse", check.getJsonObject("data").getString("unknown-critical-components"));
        }
    }

    @Test
    void withoutComponentChecksItIsUpWithNoData() {
        try (HealthContainer app = HealthContainer.withComponents(Map.of())) {
            JsonObject check = app.check(ComponentReadinessCheck.NAME);

            assertEquals("UP", check.getString("status"));
            assertTrue(!check.containsKey("data") || check.getJsonObject("data").isEmpty(), check::toString);
        }
    }

    @Test
    void withoutCdiItPublishesTheHealthItIsGiven() {
        try (Engine engine = Engine.create(EngineListener.NONE)) {
            engine.health().register(new ComponentCheck() {
                @Override
                public String name() {
                    return "disk";
                }

                @Override
                public HealthStatus check() {
                    return HealthStatus.FAILING;
                }
            });

            HealthCheckResponse critical = new ComponentReadinessCheck(engine.health(), List.of(" disk ")).call();
            HealthCheckResponse relaxed = new ComponentReadinessCheck(engine.health(), List.of()).call();

            assertEquals(ComponentReadinessCheck.NAME, critical.getName());
            assertEquals(HealthCheckResponse.Status.DOWN, critical.getStatus());
            assertEquals("FAILING", critical.getData().orElseThrow().get("disk.status"));
            assertEquals(HealthCheckResponse.Status.UP, relaxed.getStatus());
        }
    }
}
