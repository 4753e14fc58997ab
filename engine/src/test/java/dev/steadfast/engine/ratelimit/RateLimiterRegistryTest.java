package dev.steadfast.engine.ratelimit;

import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.RateLimiterStats;
import dev.steadfast.Scope;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.guard.Guard;
import dev.steadfast.guard.Steadfast;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named rate limiters: one limiter per name, shared by every operation naming it, seen through its handle. */
class RateLimiterRegistryTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final ManualClock clock = new ManualClock();
    private final Engine engine = new Engine(clock, new ManualTimer(clock), () -> Runnable::run, EngineListener.NONE,
            ThreadContext.NONE, () -> { });

    private Strategy<Object> named(String method, RateLimitPolicy policy) {
        return engine.build(GuardPolicy.builder(method).rateLimit("partner", policy).build());
    }

    @Test
    void everyOperationNamingALimiterSharesItsPermits() throws Exception {
        RateLimitPolicy threeAMinute = new RateLimitPolicy(3, MINUTE, 0, RateLimitType.FIXED);
        Strategy<Object> quotes = named("com.acme.Quotes#fetch()", threeAMinute);
        Strategy<Object> orders = named("com.acme.Orders#place()", threeAMinute);

        quotes.call(() -> "1");
        orders.call(() -> "2");
        quotes.call(() -> "3");

        assertThrows(RateLimitExceededException.class, () -> orders.call(() -> "4"));
        assertEquals(new RateLimiterStats(3, 1, 3, 0), engine.rateLimiters().get("partner").stats());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(new RateLimiterStats(3, 1, 0, 3), engine.rateLimiters().get("partner").stats(),
                "a new window: nothing used, counters kept");
    }

    @Test
    void theHandleDescribesTheLimiter() {
        named("com.acme.Quotes#fetch()", new RateLimitPolicy(10, MINUTE, 0, RateLimitType.SMOOTH));
        var h = engine.rateLimiters().get("partner");
        assertEquals("partner", h.name());
        assertEquals(RateLimitType.SMOOTH, h.type());
        assertEquals(10, h.limit());
        assertEquals(Duration.ofMinutes(1), h.window());
        assertEquals(Scope.LOCAL, h.scope());
        assertEquals(ClusterStatus.LOCAL, h.clusterStatus());
        assertEquals(new RateLimiterStats(0, 0, 0, 10), h.stats(), "a full bucket");
        assertEquals(List.of(h), List.copyOf(engine.rateLimiters().all()));
    }

    @Test
    void aSecondOperationWithOtherValuesIsRefusedNamingBoth() {
        named("com.acme.Quotes#fetch()", new RateLimitPolicy(3, MINUTE, 0, RateLimitType.FIXED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> named("com.acme.Orders#place()", new RateLimitPolicy(5, MINUTE, 0, RateLimitType.FIXED)));
        assertTrue(e.getMessage().startsWith("Rate limiter 'partner' already exists with RateLimitPolicy[limit=3"),
                e.getMessage());
    }

    @Test
    void unknownNamesAreRefusedListingTheKnownOnes() {
        named("com.acme.Quotes#fetch()", new RateLimitPolicy(3, MINUTE, 0, RateLimitType.FIXED));
        NoSuchElementException e = assertThrows(NoSuchElementException.class,
                () -> engine.rateLimiters().get("nope"));
        assertEquals("No rate limiter named 'nope'; known: [partner]", e.getMessage());
    }

    @Test
    void aChainsOwnLimiterIsNotRegistered() throws Exception {
        Strategy<Object> own = engine.build(GuardPolicy.builder("com.acme.Own#call()")
                .rateLimit(new RateLimitPolicy(1, MINUTE, 0, RateLimitType.FIXED)).build());
        own.call(() -> "x");
        assertEquals(List.of(), List.copyOf(engine.rateLimiters().all()));
    }

    @Test
    void namedGuardsShareTheirLimiterAndUnnamedOnesKeepTheirOwn() throws Exception {
        String name = "guard-shared-" + System.nanoTime();
        Guard<String> one = Guard.<String>builder("one").rateLimit(r -> r.name(name).value(1)
                .window(Duration.ofHours(1))).build();
        Guard<String> two = Guard.<String>builder("two").rateLimit(r -> r.name(name).value(1)
                .window(Duration.ofHours(1))).build();
        assertEquals("x", one.call(() -> "x"));
        assertThrows(RateLimitExceededException.class, () -> two.call(() -> "y"));
        assertEquals(1, Steadfast.rateLimiters().get(name).stats().admittedCalls());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Guard.builder("three")
                .rateLimit(r -> r.scope(Scope.CLUSTER)).build());
        assertEquals("Guard 'three': rateLimit scope CLUSTER needs a name: the fleet shares a limit by its name; give"
                + " it one with name = \"...\"", e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> Guard.builder("four")
                .circuitBreaker(o -> o.scope(Scope.CLUSTER)).build());
        assertTrue(b.getMessage().startsWith("Guard 'four': circuitBreaker scope CLUSTER needs a name"),
                b.getMessage());
    }
}
