package dev.steadfast.health;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.junit5.TestClock;
import dev.steadfast.junit5.WithFaultTolerance;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The readiness check on SmallRye Health and Weld SE, asserted on the JSON SmallRye Health produces. Breaker delays
 * run on the extension's test clock, so the reported retry-after is exact.
 */
@WithFaultTolerance
class CircuitBreakerReadinessCheckTest {

    private static final String RECOMMENDATIONS = Recommendations.class.getName() + "#suggest";

    TestClock clock;

    @Test
    void withEveryBreakerClosedItIsUpAndListsEachBreaker() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "payments"))) {
            JsonObject check = app.check();

            assertEquals("UP", check.getString("status"));
            JsonObject data = check.getJsonObject("data");
            assertEquals("CLOSED", data.getString("payments.state"));
            assertTrue(data.getBoolean("payments.critical"));
            assertEquals(0, data.getJsonNumber("payments.calls").longValue());
            assertEquals("CLOSED", data.getString(RECOMMENDATIONS + ".state"));
            assertFalse(data.getBoolean(RECOMMENDATIONS + ".critical"));
            assertFalse(data.containsKey("payments.retry-after-ms"), "only an OPEN breaker has a retry-after");
            assertEquals(HealthCheckResponse.Status.UP, app.readiness().getStatus());
        }
    }

    @Test
    void anOpenNonCriticalBreakerKeepsItUpAndShowsInTheData() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "payments"))) {
            Recommendations r = app.select(Recommendations.class);
            assertThrows(IOException.class, () -> r.suggest(true));
            assertThrows(IOException.class, () -> r.suggest(true));

            JsonObject check = app.check();

            assertEquals("UP", check.getString("status"));
            JsonObject data = check.getJsonObject("data");
            assertEquals("OPEN", data.getString(RECOMMENDATIONS + ".state"));
            assertEquals(2, data.getJsonNumber(RECOMMENDATIONS + ".failed-calls").longValue());
            assertEquals(60_000, data.getJsonNumber(RECOMMENDATIONS + ".retry-after-ms").longValue());
        }
    }

    @Test
    void anOpenCriticalBreakerMakesItDownWithTheTimeUntilTrialCalls() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "inventory, payments"))) {
            Payments p = app.select(Payments.class);
            assertThrows(IOException.class, () -> p.charge(true));
            assertThrows(IOException.class, () -> p.charge(true));
            clock.advance(Duration.ofSeconds(10));

            JsonObject check = app.check();

            assertEquals("DOWN", check.getString("status"));
            assertTrue(app.readiness().isDown());
            JsonObject data = check.getJsonObject("data");
            assertEquals("OPEN", data.getString("payments.state"));
            assertEquals(20_000, data.getJsonNumber("payments.retry-after-ms").longValue());
            assertEquals(2, data.getJsonNumber("payments.calls").longValue());
            assertEquals(2, data.getJsonNumber("payments.failed-calls").longValue());
        }
    }

    @Test
    void aCriticalBreakerIsUpAgainOnceHalfOpenAndWhenClosed() throws IOException {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "payments"))) {
            Payments p = app.select(Payments.class);
            assertThrows(IOException.class, () -> p.charge(true));
            assertThrows(IOException.class, () -> p.charge(true));
            assertEquals("DOWN", app.check().getString("status"));

            clock.advance(Duration.ofSeconds(30));

            JsonObject halfOpen = app.check();
            assertEquals("UP", halfOpen.getString("status"), "trial calls need traffic");
            assertEquals("HALF_OPEN", halfOpen.getJsonObject("data").getString("payments.state"));

            p.charge(false);
            assertEquals("CLOSED", app.check().getJsonObject("data").getString("payments.state"));
            assertEquals("UP", app.check().getString("status"));
        }
    }

    @Test
    void aCriticalBreakerForcedOpenMakesItDown() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "payments"))) {
            app.select(CircuitBreakers.class).get("payments").forceOpen();

            JsonObject check = app.check();

            assertEquals("DOWN", check.getString("status"));
            assertEquals("FORCED_OPEN", check.getJsonObject("data").getString("payments.state"));
            assertFalse(check.getJsonObject("data").containsKey("payments.retry-after-ms"),
                    "only an operator ends FORCED_OPEN");
        }
    }

    @Test
    void byDefaultNoBreakerIsCriticalAndOpenOnesNeverMakeItDown() {
        try (HealthContainer app = HealthContainer.start(Map.of())) {
            app.select(CircuitBreakers.class).get("payments").forceOpen();

            JsonObject check = app.check();

            assertEquals("UP", check.getString("status"));
            assertFalse(check.getJsonObject("data").getBoolean("payments.critical"));
            assertEquals("FORCED_OPEN", check.getJsonObject("data").getString("payments.state"));
        }
    }

    @Test
    void anAsteriskMakesEveryBreakerCritical() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY, "*"))) {
            Recommendations r = app.select(Recommendations.class);
            assertThrows(IOException.class, () -> r.suggest(true));
            assertThrows(IOException.class, () -> r.suggest(true));

            JsonObject check = app.check();

            assertEquals("DOWN", check.getString("status"));
            assertTrue(check.getJsonObject("data").getBoolean(RECOMMENDATIONS + ".critical"));
        }
    }

    @Test
    void aCriticalNameWithoutABreakerIsReportedNotIgnored() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "paymnets,payments"))) {
            JsonObject check = app.check();

            assertEquals("UP", check.getString("status"));
            assertEquals("paymnets", check.getJsonObject("data").getString("unknown-critical-breakers"));
            assertTrue(check.getJsonObject("data").getBoolean("payments.critical"));
        }
    }

    /** The sample in the README, byte for byte apart from the breakers' order and whitespace. */
    @Test
    void theReadinessEndpointAnswersThisJson() {
        try (HealthContainer app = HealthContainer.start(Map.of(CircuitBreakerReadinessCheck.CRITICAL_KEY,
                "payments"))) {
            Payments p = app.select(Payments.class);
            assertThrows(IOException.class, () -> p.charge(true));
            assertThrows(IOException.class, () -> p.charge(true));
            assertThrows(Exception.class, () -> p.charge(false));
            clock.advance(Duration.ofSeconds(5));

            JsonObject actual = Json.createReader(new StringReader(app.readinessJson())).readObject();

            String r = RECOMMENDATIONS;
            JsonObject expected = Json.createReader(new StringReader("""
                    {
                      "status": "DOWN",
                      "checks": [
                        {
                          "name": "steadfast-circuit-breakers",
                          "status": "DOWN",
                          "data": {
                            "payments.state": "OPEN",
                            "payments.critical": true,
                            "payments.calls": 3,
                            "payments.failed-calls": 2,
                            "payments.rejected-calls": 1,
                            "payments.retry-after-ms": 25000,
                            "%s.state": "CLOSED",
                            "%s.critical": false,
                            "%s.calls": 0,
                            "%s.failed-calls": 0,
                            "%s.rejected-calls": 0
                          }
                        }
                      ]
                    }
                    """.formatted(r, r, r, r, r))).readObject();
            assertEquals(expected, actual);
        }
    }
}
