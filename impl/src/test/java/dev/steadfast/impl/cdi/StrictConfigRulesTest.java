package dev.steadfast.impl.cdi;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of strict config that need no container: keys shared by the whole JVM (system properties, environment
 * variables) are checked for their shape only, environment variables through MicroProfile Config's mapping, and
 * module keys declared through the SPI.
 */
class StrictConfigRulesTest {

    static class Quotes {
        public String fetch() {
            return "";
        }
    }

    private final StrictConfig strict = new StrictConfig(Set.of("steadfast.health.critical-breakers"),
            Set.of("steadfast.rate-limit."));

    StrictConfigRulesTest() throws Exception {
        strict.guarded(Quotes.class, Quotes.class.getMethod("fetch"), List.of(PolicyKind.RETRY));
        strict.breaker("payments");
    }

    /** Config holding {@code values}, every one from a source named "test". */
    private static ConfigLookup config(Map<String, String> values) {
        return new ConfigLookup() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
            }

            @Override
            public Map<String, String> names() {
                Map<String, String> names = new LinkedHashMap<>();
                values.keySet().forEach(k -> names.put(k, "test"));
                return names;
            }
        };
    }

    private List<StrictConfig.Unknown> fromEnvironment(String... names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String n : names) {
            values.put(n, "1");
        }
        return strict.check(config(values), values.keySet(), Set.of());
    }

    private List<StrictConfig.Unknown> fromSystemProperties(String... names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String n : names) {
            values.put(n, "1");
        }
        return strict.check(config(values), Set.of(), values.keySet());
    }

    private List<StrictConfig.Unknown> fromTheApplication(String... names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String n : names) {
            values.put(n, "1");
        }
        return strict.check(config(values), Set.of(), Set.of());
    }

    @Test
    void environmentVariablesOfPolicyKeysAreCheckedThroughTheMapping() {
        assertEquals(List.of(), fromEnvironment("STEADFAST_GLOBAL_RETRY_MAX_RETRIES",
                "STEADFAST__COM_ACME_QUOTES_FETCH__RETRY_MAX_RETRIES",
                "STEADFAST_CIRCUIT_BREAKER__ELSEWHERE__DELAY_UNIT"));

        List<StrictConfig.Unknown> unknown = fromEnvironment("STEADFAST_GLOBAL_RETRY_MAX_RETRY",
                "STEADFAST__COM_ACME_QUOTES_FETCH__RETRY_MAX_RETRY", "STEADFAST_CIRCUIT_BREAKER__PAYMENTS__DELAI");
        assertEquals(List.of("STEADFAST_CIRCUIT_BREAKER__PAYMENTS__DELAY", "STEADFAST_GLOBAL_RETRY_MAX_RETRIES",
                "STEADFAST__COM_ACME_QUOTES_FETCH__RETRY_MAX_RETRIES"),
                unknown.stream().map(StrictConfig.Unknown::suggestion).toList());
    }

    @Test
    void otherSteadfastEnvironmentVariablesAreLeftAlone() {
        assertEquals(List.of(), fromEnvironment("STEADFAST_HOME", "STEADFAST_VERSION"));
    }

    @Test
    void aSystemPropertyIsCheckedForItsShapeNotForThisDeploymentsNames() {
        assertEquals(List.of(), fromSystemProperties("steadfast.\"com.other.App/call\".timeout.value",
                "steadfast.circuit-breaker.\"elsewhere\".delay"));
        assertEquals(1, fromSystemProperties("steadfast.\"com.other.App/call\".timeout.valu").size());
    }

    @Test
    void theApplicationsOwnKeysAreCheckedForThisDeploymentsNames() {
        String quotes = Quotes.class.getName();
        assertEquals(List.of(), fromTheApplication("steadfast.\"" + quotes + "/fetch\".retry.max-retries",
                "steadfast.\"" + quotes + "\".retry.enabled", "steadfast.circuit-breaker.\"payments\".delay"));
        assertEquals(3, fromTheApplication("steadfast.\"com.other.App/call\".retry.max-retries",
                "steadfast.circuit-breaker.\"elsewhere\".delay", "steadfast.\"" + quotes + "\".timeout.value").size());
    }

    @Test
    void modulesKeysAndPrefixesAreKnown() {
        assertEquals(List.of(), fromTheApplication("steadfast.health.critical-breakers",
                "steadfast.rate-limit.\"search\".value"));
        StrictConfig.Unknown u = fromTheApplication("steadfast.health.critical-breaker").get(0);
        assertEquals("steadfast.health.critical-breakers", u.suggestion());
    }

    @Test
    void aNamedRateLimitIsCheckedLikeANamedBreakerAndTheClusterSettingsAreSwitches() {
        StrictConfig own = new StrictConfig(Set.of(), Set.of());
        own.named(PolicyKind.RATE_LIMIT, "partner");
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : List.of("steadfast.rate-limit.\"partner\".window-unit", "steadfast.rate-limit.\"partner\".scope",
                "steadfast.rate-limit.\"partner\".valu", "steadfast.rate-limit.\"partner\".name",
                "steadfast.rate-limit.\"partnr\".value", "steadfast.cluster.expected-members",
                "steadfast.cluster.member-id")) {
            values.put(k, "1");
        }
        List<StrictConfig.Unknown> unknown = own.check(config(values), Set.of(), Set.of());
        assertEquals(List.of("steadfast.rate-limit.\"partner\".name", "steadfast.rate-limit.\"partner\".valu",
                "steadfast.rate-limit.\"partnr\".value"), unknown.stream().map(StrictConfig.Unknown::key).toList(),
                "in the order of the keys");
        assertEquals("steadfast.rate-limit.\"partner\".value", unknown.stream()
                .filter(u -> u.key().endsWith("valu")).findFirst().orElseThrow().suggestion());
        // A system property names another application's limiter: only its shape is checked.
        assertEquals(List.of(), own.check(config(Map.of("steadfast.rate-limit.\"elsewhere\".value", "1")), Set.of(),
                Set.of("steadfast.rate-limit.\"elsewhere\".value")));
    }

    @Test
    void anEmptyValueIsNoValue() {
        assertEquals(List.of(), strict.check(config(Map.of("steadfast.global.retry.max-retry", "")), Set.of(),
                Set.of()));
    }

    @Test
    void aMalformedKeyIsReportedWithoutAGuess() {
        StrictConfig.Unknown u = fromTheApplication("steadfast.\"com.acme.Quotes.retry.max-retries").get(0);
        assertTrue(u.reason().startsWith("is not of the form"), u.reason());
        assertNull(u.suggestion());
    }

    @Test
    void aSwapOfTwoNeighboursIsOneEdit() {
        assertEquals(1, StrictConfig.distance("retyr", "retry"));
        assertEquals(0, StrictConfig.distance("Retry", "retry"));
        assertEquals("STEADFAST_GLOBAL_RETRY_MAX_RETRIES", StrictConfig.env("steadfast.global.retry.max-retries"));
    }
}
