package dev.steadfast.tck.cluster;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiterStats;
import dev.steadfast.RateLimiters;
import dev.steadfast.Scope;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code @RateLimit(name = ...)}: one limiter shared by every method naming it, its values agreeing or set once with
 * {@code steadfast.rate-limit."<name>".<member>}, listed in the injectable {@link RateLimiters}.
 */
class NamedRateLimitTest {

    private static final String QUOTE = PartnerQuotes.class.getName() + "#quote()";
    private static final String REFUND = PartnerRefunds.class.getName() + "#refund()";
    private static final String VALUE_KEY = "steadfast.rate-limit.\"partner\".value";

    @Test
    void everyMethodNamingALimiterTakesFromTheSamePermits() {
        try (TestContainer c = TestContainer.start(PartnerQuotes.class, PartnerOrders.class)) {
            PartnerQuotes quotes = c.select(PartnerQuotes.class);
            PartnerOrders orders = c.select(PartnerOrders.class);

            quotes.quote();
            orders.order();
            quotes.quote();

            assertThrows(RateLimitExceededException.class, orders::order);
            assertThrows(RateLimitExceededException.class, quotes::quote);
            assertEquals(new RateLimiterStats(3, 2, 3, 0), c.select(RateLimiters.class).get("partner").stats());
        }
    }

    @Test
    void theRegistryListsNamedLimitersByNameAndUnnamedOnesByClassAndMethod() {
        try (TestContainer c = TestContainer.start(PartnerQuotes.class, UnnamedLimits.class)) {
            RateLimiters limiters = c.select(RateLimiters.class);
            String unnamed = UnnamedLimits.class.getName();

            assertEquals(List.of(unnamed + "#call", unnamed + "#lookup(String)", unnamed + "#lookup(int)", "partner"),
                    limiters.all().stream().map(RateLimiterHandle::name).toList(), "sorted by name");
            RateLimiterHandle partner = limiters.get("partner");
            assertEquals(RateLimitType.FIXED, partner.type());
            assertEquals(3, partner.limit());
            assertEquals(Duration.ofHours(1), partner.window());
            assertEquals(Scope.LOCAL, partner.scope());
            assertEquals(ClusterStatus.LOCAL, partner.clusterStatus());
            assertEquals(7, limiters.get(unnamed + "#call").limit());
        }
    }

    @Test
    void methodsNamingOneLimiterWithDifferentValuesFailTheDeploymentNamingBoth() {
        List<String> errors = TestContainer.deploymentErrors(PartnerQuotes.class, PartnerRefunds.class);

        assertEquals(1, errors.size(), errors.toString());
        String e = errors.get(0);
        boolean quoteFirst = e.startsWith("@RateLimit(name = \"partner\") on " + QUOTE);
        String first = quoteFirst ? QUOTE : REFUND;
        String second = quoteFirst ? REFUND : QUOTE;
        assertEquals("@RateLimit(name = \"partner\") on " + first + " and on " + second + " disagree: value "
                + (quoteFirst ? "3 vs 5" : "5 vs 3") + "; give both the same values, or set them once with"
                + " steadfast.rate-limit.\"partner\".<member>", e);
    }

    @Test
    void theNamedKeyAppliesToEveryMethodNamingItAndSettlesADisagreement() {
        try (TestContainer c = TestContainer.start(Map.of(VALUE_KEY, "2"), PartnerQuotes.class,
                PartnerRefunds.class)) {
            c.select(PartnerQuotes.class).quote();
            c.select(PartnerRefunds.class).refund();

            assertThrows(RateLimitExceededException.class, () -> c.select(PartnerQuotes.class).quote());
            assertEquals(2, c.select(RateLimiters.class).get("partner").limit());
        }
    }

    @Test
    void theNamedKeyWinsOverTheMethodKey() {
        Map<String, String> config = Map.of(VALUE_KEY, "1",
                "steadfast.\"" + PartnerQuotes.class.getName() + "/quote\".rate-limit.value", "3");
        try (TestContainer c = TestContainer.start(config, PartnerQuotes.class)) {
            c.select(PartnerQuotes.class).quote();
            assertThrows(RateLimitExceededException.class, () -> c.select(PartnerQuotes.class).quote());
        }
    }

    @Test
    void theNameMayComeFromConfig() {
        String key = "steadfast.\"" + UnnamedLimits.class.getName() + "/call\".rate-limit.name";
        try (TestContainer c = TestContainer.start(Map.of(key, "partner", VALUE_KEY, "1"), UnnamedLimits.class)) {
            c.select(UnnamedLimits.class).call();
            assertThrows(RateLimitExceededException.class, () -> c.select(UnnamedLimits.class).call());
            assertEquals(1, c.select(RateLimiters.class).get("partner").limit());
        }
    }

    @Test
    void aBrokenNamedKeyFailsTheDeploymentNamingTheKey() {
        assertEquals(List.of("@RateLimit.value on " + QUOTE + ": 0 (from config key " + VALUE_KEY + ") is below 1; a rate"
                        + " limit must admit at least one call per window"),
                TestContainer.deploymentErrors(Map.of(VALUE_KEY, "0"), PartnerQuotes.class));
    }
}
