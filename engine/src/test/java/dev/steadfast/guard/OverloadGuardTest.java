package dev.steadfast.guard;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitState;
import dev.steadfast.KeyedCircuitOpenException;
import dev.steadfast.RetryBudgetStats;
import dev.steadfast.RetryExhaustedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overload controls in the programmatic API: retry budgets, adaptive bulkheads, keyed breakers. */
class OverloadGuardTest {

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aRetryBudgetRationsTheGuardsRetriesAndIsListedUnderItsName() {
        String budget = unique("quotes-budget");
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder(unique("quotes")).retry(r -> r.maxRetries(3))
                .retryBudget(b -> b.name(budget).ratio(0).minPerSecond(1).window(Duration.ofSeconds(1))).build();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }));

        assertEquals(2, attempts.get());
        assertEquals(budget, e.getRetryBudget().orElseThrow());
        assertEquals(new RetryBudgetStats(1, 1, 1), Steadfast.retryBudgets().get(budget).stats());
    }

    @Test
    void aRetryBudgetWithoutARetryOrWithABrokenValueFailsTheBuild() {
        IllegalArgumentException noRetry = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("lonely").retryBudget(b -> b.name("b")).build());
        assertEquals("Guard 'lonely': retryBudget b has no retry to ration; add retry(...)", noRetry.getMessage());

        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("greedy").retry().retryBudget(b -> b.ratio(2)).build());
        assertEquals("Guard 'greedy': retryBudget ratio 2.0 is not within [0, 1]", ratio.getMessage());
    }

    @Test
    void anAdaptiveBulkheadRejectsBeyondItsLimit() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        AsyncGuard<String> guard = Guard.<String>builder(unique("reports"))
                .adaptiveBulkhead(b -> b.initialLimit(1).maxLimit(10)).buildAsync();

        CompletionStage<String> first = guard.call(() -> work);
        CompletionException e = assertThrows(CompletionException.class,
                () -> guard.call(() -> CompletableFuture.completedFuture("x")).toCompletableFuture().join());

        assertEquals(1, assertInstanceOf(BulkheadFullException.class, e.getCause()).getMaxConcurrentCalls());
        work.complete("done");
        assertEquals("done", first.toCompletableFuture().join());
    }

    @Test
    void anAdaptiveBulkheadAndABulkheadTogetherFailTheBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("both").bulkhead(5).adaptiveBulkhead(b -> { }).build());
        assertEquals("Guard 'both': adaptiveBulkhead and bulkhead together; choose one", e.getMessage());
        IllegalArgumentException limits = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("tight").adaptiveBulkhead(b -> b.minLimit(0)).build());
        assertEquals("Guard 'tight': adaptiveBulkhead minLimit 0 is below 1; a bulkhead must admit at least one call",
                limits.getMessage());
    }

    @Test
    void aKeyedBreakerOpensOnlyTheFailingKeysBreaker() throws Exception {
        String name = unique("hosts");
        Guard<String> guard = Guard.<String>builder(name)
                .circuitBreaker(b -> b.requestVolumeThreshold(2).failureRatio(1.0).keyed(k -> k.maxKeys(100)))
                .build();
        for (int i = 0; i < 2; i++) {
            assertThrows(IOException.class, () -> guard.call("a.example", () -> {
                throw new IOException("down");
            }));
        }

        KeyedCircuitOpenException e = assertThrows(KeyedCircuitOpenException.class,
                () -> guard.call("a.example", () -> "never"));

        assertEquals("a.example", e.getKey());
        assertEquals("fine", guard.call("b.example", () -> "fine"));
        assertEquals(CircuitState.OPEN, Steadfast.circuitBreakers().find(name, "a.example").orElseThrow().state());
        IllegalStateException noKey = assertThrows(IllegalStateException.class, () -> guard.call(() -> "x"));
        assertTrue(noKey.getMessage().contains("call it with call(key, action)"), noKey.getMessage());
    }

    @Test
    void aClosedGuardRefusesKeyedCallsLikeTheOthers() {
        Guard<String> guard = Guard.<String>builder(unique("tenants"))
                .circuitBreaker(b -> b.keyed(k -> k.maxKeys(10))).build();
        AsyncGuard<String> async = Guard.<String>builder(unique("tenants-async"))
                .circuitBreaker(b -> b.keyed(k -> k.maxKeys(10))).buildAsync();
        AtomicInteger ran = new AtomicInteger();
        guard.close();
        async.close();

        assertThrows(IllegalStateException.class, () -> guard.call("a", () -> "x" + ran.incrementAndGet()));
        CompletionException e = assertThrows(CompletionException.class, () -> async.call("a",
                () -> CompletableFuture.completedFuture("x" + ran.incrementAndGet())).toCompletableFuture().join());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(0, ran.get(), "no action ran on a closed guard");
    }

    @Test
    void aKeyedBreakersBoundsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("keys").circuitBreaker(b -> b.keyed(k -> k.maxKeys(0))).build());
        assertEquals("Guard 'keys': circuitBreaker maxKeys 0 is below 1; a keyed breaker must hold at least one key",
                e.getMessage());
    }
}
