package dev.steadfast.engine.retry;

import dev.steadfast.RetryBudgetStats;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.RetryRefused;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry budgets: every call deposits {@code ratio} tokens, every retry withdraws one, a reserve is always there. */
class RetryBudgetTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";
    private static final int CALLS = 10_000;

    private final ManualClock clock = new ManualClock();
    private final RecordingListener listener = new RecordingListener();
    private final RetryBudgetRegistry budgets = new RetryBudgetRegistry(clock);
    private final AtomicInteger attempts = new AtomicInteger();

    private RetryStrategy<String> retry(RetryBudget budget, Strategy<String> dependency) {
        return new RetryStrategy<>(dependency, METHOD, RetryPolicy.builder().maxRetries(3).build(), budget, clock,
                listener);
    }

    private RetryBudget defaultBudget() {
        return budgets.getOrCreate("quotes", RetryBudgetPolicy.builder().build());
    }

    private Strategy<String> failing() {
        return invocation -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        };
    }

    /** 10,000 calls, one per millisecond (all within the 10 s window), each with up to 3 retries. */
    private int callAll(RetryStrategy<String> retry) {
        int refused = 0;
        for (int i = 0; i < CALLS; i++) {
            try {
                retry.call(() -> "unused");
            } catch (RetryExhaustedException e) {
                refused += e.isBudgetExhausted() ? 1 : 0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            clock.advance(Duration.ofMillis(1));
        }
        return refused;
    }

    @Test
    void withoutABudgetTenThousandCallsAgainstAFailingDependencyMakeFortyThousandAttempts() {
        callAll(retry(null, failing()));

        assertEquals(40_000, attempts.get());
    }

    @Test
    void aBudgetCapsTenThousandCallsAgainstAFailingDependencyAtTenPercentMoreAttemptsPlusTheReserve() {
        RetryBudget budget = defaultBudget();

        int refused = callAll(retry(budget, failing()));

        int reserve = 10 * 10; // minPerSecond × window in seconds
        int limit = (int) (CALLS * 1.1) + reserve;
        assertTrue(attempts.get() <= limit, attempts.get() + " attempts, limit " + limit);
        assertTrue(attempts.get() >= CALLS + CALLS / 10, "the budget lets its tokens be used: " + attempts.get());
        RetryBudgetStats stats = budget.stats();
        assertEquals(CALLS, stats.deposits());
        assertEquals(attempts.get() - CALLS, stats.withdrawals());
        assertTrue(refused > 9_000, "most calls ended by the budget: " + refused);
        assertEquals(refused, stats.refusals());
        System.out.printf("10,000 calls, maxRetries 3, 100%% failing, default budget: %d attempts (limit %d), %d"
                + " calls ended by the budget%n", attempts.get(), limit, refused);
    }

    @Test
    void atAOnePercentFailureRateNoRetryIsRefused() throws Exception {
        RetryBudget budget = defaultBudget();
        boolean[] failFirst = new boolean[1];
        RetryStrategy<String> retry = retry(budget, invocation -> {
            attempts.incrementAndGet();
            if (failFirst[0]) {
                failFirst[0] = false;
                throw new IOException("blip");
            }
            return "ok";
        });

        for (int i = 1; i <= CALLS; i++) {
            failFirst[0] = i % 100 == 0;
            assertEquals("ok", retry.call(() -> "unused"));
            clock.advance(Duration.ofMillis(1));
        }

        assertEquals(CALLS + CALLS / 100, attempts.get());
        assertEquals(new RetryBudgetStats(CALLS, CALLS / 100, 0), budget.stats());
        assertTrue(listener.events(RetryRefused.class).isEmpty());
    }

    @Test
    void aRefusedRetryEndsTheCallAsExhaustedNamingTheBudgetAndIsAnnounced() {
        RetryBudget budget = budgets.getOrCreate("tight", RetryBudgetPolicy.builder().ratio(0).minPerSecond(0).build());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> retry(budget, failing()).call(() -> "unused"));

        assertEquals(1, attempts.get(), "no retry was made");
        assertTrue(e.isBudgetExhausted());
        assertEquals("tight", e.getRetryBudget().orElseThrow());
        assertEquals(1, e.getAttempts());
        assertInstanceOf(IOException.class, e.getCause());
        assertTrue(e.getMessage().contains("retry budget 'tight' refused the next retry"), e.getMessage());
        assertEquals(List.of(new RetryRefused(METHOD, 1, "tight")), listener.events(RetryRefused.class));
    }

    @Test
    void exhaustingTheCountIsNotTheBudgets() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> retry(defaultBudget(), failing()).call(() -> "unused"));

        assertEquals(4, e.getAttempts());
        assertFalse(e.isBudgetExhausted());
        assertTrue(e.getRetryBudget().isEmpty());
    }

    @Test
    void depositsAndWithdrawalsExpireAfterTheWindowLeavingTheReserve() throws Exception {
        RetryBudget budget = budgets.getOrCreate("window", RetryBudgetPolicy.builder().ratio(0.5).minPerSecond(1)
                .window(Duration.ofSeconds(10)).build());
        for (int i = 0; i < 100; i++) {
            retry(budget, invocation -> "ok").call(() -> "unused");
        }
        assertEquals(10 + 50, budget.balance(), 1e-9);

        clock.advance(Duration.ofSeconds(10));

        assertEquals(10, budget.balance(), 1e-9, "the reserve alone");
        assertEquals(100, budget.stats().deposits(), "expired deposits still count in the stats");
    }

    @Test
    void methodsNamingOneBudgetShareItsTokens() {
        RetryBudgetPolicy policy = RetryBudgetPolicy.builder().ratio(0).minPerSecond(1).window(Duration.ofSeconds(2))
                .build();
        RetryStrategy<String> a = retry(budgets.getOrCreate("shared", policy), failing());
        RetryStrategy<String> b = retry(budgets.getOrCreate("shared", policy), failing());

        assertThrows(RetryExhaustedException.class, () -> a.call(() -> "unused"));
        RetryExhaustedException second = assertThrows(RetryExhaustedException.class, () -> b.call(() -> "unused"));

        assertEquals(2 + 1 + 1, attempts.get(), "a used both reserve tokens; b got none");
        assertTrue(second.isBudgetExhausted());
        assertEquals(List.of("shared"), budgets.all().stream().map(h -> h.name()).toList());
    }

    @Test
    void aBudgetOfThatNameWithOtherValuesIsRefused() {
        budgets.getOrCreate("shared", RetryBudgetPolicy.builder().build());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> budgets.getOrCreate("shared", RetryBudgetPolicy.builder().ratio(0.2).build()));

        assertTrue(e.getMessage().startsWith("Retry budget 'shared' already exists with RetryBudgetPolicy[ratio=0.1"),
                e.getMessage());
    }

    @Test
    void theStagedRetryDrawsOnTheBudgetToo() {
        RetryBudget budget = budgets.getOrCreate("async", RetryBudgetPolicy.builder().ratio(0).minPerSecond(0).build());
        AsyncRetryStrategy<String> retry = new AsyncRetryStrategy<>(invocation -> {
            attempts.incrementAndGet();
            return CompletableFuture.failedFuture(new IOException("down"));
        }, METHOD, RetryPolicy.builder().maxRetries(3).build(), budget, clock, new ManualTimer(clock), Runnable::run,
                listener);

        CompletionStage<String> stage = retry.call(() -> null);

        CompletionException e = assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
        RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, e.getCause());
        assertEquals("async", exhausted.getRetryBudget().orElseThrow());
        assertEquals(1, attempts.get());
        assertEquals(new RetryBudgetStats(1, 0, 1), budget.stats());
    }

    @Test
    void theHappyPathAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        RetryStrategy<String> retry = retry(defaultBudget(), invocation -> "ok");
        Invocation<String> invocation = () -> "unused";
        for (int i = 0; i < 200_000; i++) {
            retry.call(invocation); // warm up: compiled, as in production
        }
        long thread = Thread.currentThread().getId();
        int calls = 1_000_000;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < calls; i++) {
            retry.call(invocation);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // A call that allocated even its smallest object would take 16 B; the loop allocates nothing of its own.
        assertTrue(allocated / (double) calls < 0.1, allocated / (double) calls + " B per call");
    }

    @Test
    void violationsNameTheMemberTheValueAndTheRule() {
        assertEquals(List.of("ratio 1.5 is not within [0, 1]", "minPerSecond -1 is negative; use 0 for no reserve",
                        "window 0 s is not positive; deposits must count for some time"),
                RetryBudgetPolicy.builder().ratio(1.5).minPerSecond(-1).window(Duration.ZERO).violations().stream()
                        .map(v -> v.message()).toList());
        assertEquals(List.of("window 2 d is above 1 d; use a window of a day or less"),
                RetryBudgetPolicy.builder().window(Duration.ofDays(2)).violations().stream().map(v -> v.message())
                        .toList());
    }
}
