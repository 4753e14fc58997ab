package dev.steadfast.tck.config;

import dev.steadfast.RateLimiters;
import dev.steadfast.RetryBudgets;
import dev.steadfast.tck.cluster.PartnerQuotes;
import dev.steadfast.tck.cluster.UnnamedLimits;
import dev.steadfast.tck.overload.Quotes;
import dev.steadfast.tck.overload.Tenants;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Strict config (docs/strict-config.md): a key under {@code steadfast.} that nothing reads fails the deployment with
 * the key, its source and the nearest key that would be read; {@code steadfast.config.strict=false} makes that one
 * WARNING.
 */
class StrictConfigTest {

    /** The ConfigSource's name: SmallRye Config's name for the test's properties. */
    private static final String SOURCE = " (from PropertiesConfigSource[source=test-properties]): ";
    private static final String HINT = " (set steadfast.config.strict=false to only log unknown keys)";
    private static final String LEDGER = Ledger.class.getName();

    private static List<String> errors(Map<String, String> properties) {
        return TestContainer.deploymentErrors(properties, Ledger.class);
    }

    private static String unknown(String key, String why) {
        return "Unknown config key " + key + SOURCE + why + HINT;
    }

    @Test
    void aMisspelledMemberFailsTheDeploymentNamingTheKeyItsSourceAndTheNearestKey() {
        assertEquals(List.of(unknown("steadfast.global.retry.max-retry", "@Retry has no member 'max-retry'; did you"
                        + " mean steadfast.global.retry.max-retries?")),
                errors(Map.of("steadfast.global.retry.max-retry", "10")));
    }

    @Test
    void aMemberInCamelCaseIsNotReadAndGetsItsKebabCaseSpelling() {
        String key = "steadfast.\"" + LEDGER + "/stock\".retry.maxRetries";
        assertEquals(List.of(unknown(key, "@Retry has no member 'maxRetries'; did you mean steadfast.\"" + LEDGER
                        + "/stock\".retry.max-retries?")),
                errors(Map.of(key, "10")));
    }

    @Test
    void aMisspelledAnnotationFailsTheDeployment() {
        List<String> e = errors(Map.of("steadfast.global.retyr.max-retries", "10"));
        assertEquals(1, e.size(), e::toString);
        assertTrue(e.get(0).startsWith("Unknown config key steadfast.global.retyr.max-retries" + SOURCE
                + "'retyr' is not an annotation (one of adaptive-bulkhead, asynchronous, bulkhead, circuit-breaker,"
                + " fallback, rate-limit, retry, retry-budget, timeout); did you mean steadfast.global.retry.max-retries?"), e.get(0));
    }

    @Test
    void aMisspelledTimeoutMemberOnAMethodFailsTheDeployment() {
        String key = "steadfast.global.timeout.valu";
        assertEquals(List.of(unknown(key, "@Timeout has no member 'valu'; did you mean"
                + " steadfast.global.timeout.value?")), errors(Map.of(key, "1ms")));
    }

    @Test
    void aMisspelledMethodFailsTheDeployment() {
        String key = "steadfast.\"" + LEDGER + "/stokc\".retry.max-retries";
        assertEquals(List.of(unknown(key, LEDGER + " has no guarded method stokc; did you mean steadfast.\"" + LEDGER
                + "/stock\".retry.max-retries?")), errors(Map.of(key, "2")));
    }

    @Test
    void aMisspelledClassFailsTheDeployment() {
        String misspelled = LEDGER.replace("Ledger", "Ledgr");
        String key = "steadfast.\"" + misspelled + "\".retry.max-retries";
        assertEquals(List.of(unknown(key, "no bean class " + misspelled + " has a guarded method; did you mean"
                + " steadfast.\"" + LEDGER + "\".retry.max-retries?")), errors(Map.of(key, "2")));
    }

    @Test
    void aMisspelledBreakerNameFailsTheDeployment() {
        String key = "steadfast.circuit-breaker.\"paymnts\".delay";
        assertEquals(List.of(unknown(key, "no @CircuitBreaker is named 'paymnts'; did you mean"
                + " steadfast.circuit-breaker.\"payments\".delay?")), errors(Map.of(key, "30s")));
    }

    @Test
    void aRetryBudgetsNamedLevelIsKnownAndAMisspelledBudgetOrMemberFails() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.retry-budget.\"quotes\".min-per-second", "3"),
                Quotes.class)) {
            // The key was read: the reserve is min-per-second 3 (config) times the window of 1 s, not 1 (annotation).
            assertEquals(3.0, c.select(RetryBudgets.class).get("quotes").balance());
        }
        String name = "steadfast.retry-budget.\"quotse\".ratio";
        String member = "steadfast.retry-budget.\"quotes\".min-per-secnd";
        assertEquals(List.of(unknown(member, "'min-per-secnd' is not a member a named retry budget takes from config"
                        + " (those of @RetryBudget but name and enabled); did you mean"
                        + " steadfast.retry-budget.\"quotes\".min-per-second?"),
                unknown(name, "no @RetryBudget is named 'quotse'; did you mean"
                        + " steadfast.retry-budget.\"quotes\".ratio?")),
                TestContainer.deploymentErrors(Map.of(name, "0.2", member, "3"), Quotes.class));
    }

    @Test
    void aRateLimitsNamedLevelIsKnownAndAMisspelledLimiterOrMemberFails() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.rate-limit.\"partner\".value", "2"),
                PartnerQuotes.class)) {
            // The key was read: the limit is 2 (config), not 3 (annotation).
            assertEquals(2, c.select(RateLimiters.class).get("partner").limit());
        }
        String name = "steadfast.rate-limit.\"partnr\".window";
        String member = "steadfast.rate-limit.\"partner\".valeu";
        assertEquals(List.of(unknown(member, "'valeu' is not a member a named rate limit takes from config (those of"
                        + " @RateLimit but name and enabled); did you mean steadfast.rate-limit.\"partner\".value?"),
                unknown(name, "no @RateLimit is named 'partnr'; did you mean"
                        + " steadfast.rate-limit.\"partner\".window?")),
                TestContainer.deploymentErrors(Map.of(name, "2s", member, "2"), PartnerQuotes.class));
    }

    @Test
    void aBrokenValueUnderANamedRateLimitFailsNamingTheKeyTheValueAndTheRule() {
        String key = "steadfast.rate-limit.\"partner\".type";
        assertEquals(List.of("@RateLimit.type on " + PartnerQuotes.class.getName() + "#quote(): 'FIXD' (from config"
                        + " key " + key + ") is not one of [FIXED, ROLLING, SMOOTH]"),
                TestContainer.deploymentErrors(Map.of(key, "FIXD"), PartnerQuotes.class));
    }

    @Test
    void aRateLimitNamedInConfigHasItsNamedLevelToo() {
        String nameKey = "steadfast.\"" + UnnamedLimits.class.getName() + "/call\".rate-limit.name";
        Map<String, String> config = Map.of(nameKey, "vendor", "steadfast.rate-limit.\"vendor\".value", "4");
        try (TestContainer c = TestContainer.start(config, UnnamedLimits.class)) {
            assertEquals(4, c.select(RateLimiters.class).get("vendor").limit());
        }
    }

    @Test
    void theClustersSettingsAreKnownAndAMisspelledOneFails() {
        Map<String, String> known = Map.of("steadfast.cluster.enabled", "true",
                "steadfast.cluster.application", "shop", "steadfast.cluster.member-id", "node-1",
                "steadfast.cluster.interval", "100ms", "steadfast.cluster.request-timeout", "1s",
                "steadfast.cluster.join-timeout", "0", "steadfast.cluster.probe-interval", "2s",
                "steadfast.cluster.expected-members", "3", "steadfast.cluster.backend", "memory");
        try (TestContainer c = TestContainer.start(known, Ledger.class)) {
            assertEquals("stock", c.select(Ledger.class).stock());
        }
        assertEquals(List.of(unknown("steadfast.cluster.intervall", "no Steadfast annotation, switch or module reads"
                + " it; did you mean steadfast.cluster.interval?")),
                errors(Map.of("steadfast.cluster.intervall", "100ms")));
    }

    @Test
    void aKeyedBreakersMembersAreReadUnderCircuitBreakerAtEveryLevel() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.global.circuit-breaker.max-keys", "50",
                "steadfast.circuit-breaker.\"tenants\".key-idle-eviction", "5m",
                "steadfast.global.circuit-breaker.request-volume-threshold", "2"), Tenants.class)) {
            assertNotNull(c.select(Tenants.class)); // deployed: strict config read every key
        }
        String key = "steadfast.global.circuit-breaker.max-key";
        assertEquals(List.of(unknown(key, "@CircuitBreaker has no member 'max-key'; did you mean"
                + " steadfast.global.circuit-breaker.max-keys?")), TestContainer.deploymentErrors(Map.of(key, "5"),
                Tenants.class));
    }

    @Test
    void aMisspelledSwitchFailsTheDeployment() {
        assertEquals(List.of(unknown("steadfast.enabeld", "no Steadfast annotation, switch or module reads it; did you"
                + " mean steadfast.enabled?")), errors(Map.of("steadfast.enabeld", "false")));
    }

    @Test
    void aKeyForAnAnnotationTheMethodDoesNotHaveFailsTheDeployment() {
        String key = "steadfast.\"" + LEDGER + "/stock\".timeout.value";
        assertEquals(List.of(unknown(key, LEDGER + "#stock has no @Timeout, so the key has no effect")),
                errors(Map.of(key, "1s")));
    }

    @Test
    void aKeyNamingTheSuperclassInsteadOfTheBeanClassFailsTheDeployment() {
        String key = Keys.type(BaseClient.class, "retry.max-retries");
        assertEquals(List.of(unknown(key, "no bean class " + BaseClient.class.getName() + " has a guarded method;"
                        + " did you mean " + Keys.type(ConcreteClient.class, "retry.max-retries") + "?")),
                TestContainer.deploymentErrors(Map.of(key, "1"), ConcreteClient.class, Counters.class));
    }

    @Test
    void theKeyOfAModuleThatIsNotThereFailsTheDeployment() {
        List<String> e = errors(Map.of("steadfast.health.critical-breakers", "payments"));
        assertEquals(List.of(unknown("steadfast.health.critical-breakers",
                "no Steadfast annotation, switch or module reads it")), e);
    }

    @Test
    void everyUnknownKeyIsReportedNotJustTheFirst() {
        assertEquals(2, errors(Map.of("steadfast.global.retry.max-retry", "10",
                "steadfast.global.timeout.valu", "1ms")).size());
    }

    @Test
    void everyKnownKeyDeploys() {
        Map<String, String> known = Map.of(
                "steadfast.global.retry.max-retries", "2",
                "steadfast.\"" + LEDGER + "\".retry.delay", "1ms",
                "steadfast.\"" + LEDGER + "/stock\".retry.enabled", "true",
                "steadfast.\"" + LEDGER + "/charge\".circuit-breaker.delay", "1s",
                "steadfast.circuit-breaker.\"payments\".request-volume-threshold", "4",
                "steadfast.global.rate-limit.value", "10",
                "steadfast.enabled", "true",
                "steadfast.log.interval", "5s",
                "steadfast.config.strict", "true");
        try (TestContainer c = TestContainer.start(known, Ledger.class)) {
            assertEquals("stock", c.select(Ledger.class).stock());
        }
    }

    @Test
    void notStrictTheDeploymentStartsAndOneWarningListsEveryUnknownKey() {
        Logger jul = Logger.getLogger("dev.steadfast");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel() == Level.WARNING && r.getMessage().contains("config keys")) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try (TestContainer c = TestContainer.start(Map.of("steadfast.config.strict", "false",
                "steadfast.global.retry.max-retry", "10", "steadfast.global.timeout.valu", "1ms"), Ledger.class)) {
            assertEquals("stock", c.select(Ledger.class).stock());
        } finally {
            jul.removeHandler(handler);
        }
        assertEquals(1, warnings.size());
        String message = warnings.get(0).getMessage();
        assertTrue(message.contains("steadfast.global.retry.max-retry" + SOURCE), message);
        assertTrue(message.contains("steadfast.global.timeout.valu" + SOURCE), message);
    }

    @Test
    void aStrictSwitchThatIsNeitherTrueNorFalseFailsTheDeployment() {
        List<String> e = errors(Map.of("steadfast.config.strict", "maybe"));
        assertEquals(List.of("Config key steadfast.config.strict: 'maybe' is not true or false"), e);
    }

    @Test
    void systemPropertiesNamingAnotherApplicationsClassesAndBreakersDoNotFailThisDeployment() {
        // System properties belong to the JVM: another application (or another test's container) may have set them.
        String otherMethod = "steadfast.\"com.other.App/call\".retry.max-retries";
        String otherBreaker = "steadfast.circuit-breaker.\"elsewhere\".delay";
        System.setProperty(otherMethod, "2");
        System.setProperty(otherBreaker, "1s");
        try (TestContainer c = TestContainer.start(Ledger.class)) {
            assertEquals("stock", c.select(Ledger.class).stock());
        } finally {
            System.clearProperty(otherMethod);
            System.clearProperty(otherBreaker);
        }
    }

    @Test
    void aSystemPropertyWithAMisspelledMemberStillFailsTheDeployment() {
        String key = "steadfast.\"com.other.App/call\".retry.max-retry";
        System.setProperty(key, "2");
        try {
            List<String> e = TestContainer.deploymentErrors(Ledger.class);
            assertEquals(1, e.size(), e::toString);
            assertTrue(e.get(0).startsWith("Unknown config key " + key + " (from "), e.get(0));
            assertTrue(e.get(0).contains("@Retry has no member 'max-retry'; did you mean"
                    + " steadfast.\"com.other.App/call\".retry.max-retries?"), e.get(0));
        } finally {
            System.clearProperty(key);
        }
    }
}
