package dev.steadfast.guard;

import dev.steadfast.Backoff;
import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The programmatic API in a plain JVM: no CDI container, only steadfast-engine on the classpath. */
class GuardTest {

    /** Breakers of the standalone engine live as long as the JVM: each test names its own. */
    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void retriesUntilTheCallSucceedsThenReturnsItsResult() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder("quotes").retry(r -> r.maxRetries(3)).build();

        String result = guard.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("flaky");
            }
            return "quote";
        });

        assertEquals("quote", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void aSpentRetryBudgetThrowsRetryExhaustedWithTheAttemptsAndTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder("quotes").retry().build();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> guard.call(() -> {
            throw new IOException("down " + attempts.incrementAndGet());
        }));

        assertEquals(4, e.getAttempts(), "the defaults of @Retry: 3 retries after the first attempt");
        assertEquals("down 4", e.getCause().getMessage());
        assertEquals(4, attempts.get());
    }

    @Test
    void aFailureNotRetriedPropagatesUnwrappedAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder("quotes")
                .retry(r -> r.retryOn(IOException.class).abortOn(java.io.FileNotFoundException.class)).build();

        assertThrows(java.io.FileNotFoundException.class, () -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new java.io.FileNotFoundException("gone");
        }));
        assertEquals(1, attempts.get());
    }

    @Test
    void aRejectedResultIsRetriedAndReportedAsTheLastResult() {
        Guard<Integer> guard = Guard.<Integer>builder("status")
                .retry(r -> r.maxRetries(2).retryOnResult(status -> status == 503)).build();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> guard.get(() -> 503));

        assertEquals(3, e.getAttempts());
        assertEquals(503, e.getLastResult().orElseThrow());
    }

    @Test
    void aBreakerOpensAfterConsecutiveFailuresAndRejectsWithoutInvokingTheCall() {
        String name = unique("payments");
        AtomicInteger invoked = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder("payments-client")
                .circuitBreaker(b -> b.name(name).requestVolumeThreshold(5).failureRatio(1.0)
                        .delay(Duration.ofMinutes(1)))
                .build();

        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> guard.call(() -> {
                invoked.incrementAndGet();
                throw new IOException("refused");
            }));
        }
        CircuitOpenException rejected = assertThrows(CircuitOpenException.class,
                () -> guard.call(() -> "never" + invoked.incrementAndGet()));

        assertEquals(5, invoked.get());
        assertEquals(name, rejected.getBreakerName());
        assertTrue(rejected.getRetryAfter().compareTo(Duration.ZERO) > 0);
        CircuitBreakerHandle handle = Steadfast.circuitBreakers().get(name);
        assertEquals(CircuitState.OPEN, handle.state());
        assertEquals(1, handle.stats().rejectedCalls());

        handle.reset();
        assertEquals("back", guard.get(() -> "back"));
    }

    @Test
    void guardsNamingOneBreakerShareItAndMustAgreeOnItsOptions() {
        String name = unique("inventory");
        Guard<String> reads = Guard.<String>builder("inventory-reads")
                .circuitBreaker(b -> b.name(name).requestVolumeThreshold(2).failureRatio(1.0)).build();
        Guard<String> writes = Guard.<String>builder("inventory-writes")
                .circuitBreaker(b -> b.name(name).requestVolumeThreshold(2).failureRatio(1.0)).build();

        assertThrows(IllegalStateException.class, () -> reads.get(() -> {
            throw new IllegalStateException("1");
        }));
        assertThrows(IllegalStateException.class, () -> writes.get(() -> {
            throw new IllegalStateException("2");
        }));

        assertThrows(CircuitOpenException.class, () -> reads.get(() -> "r"));
        assertThrows(CircuitOpenException.class, () -> writes.get(() -> "w"));
        IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class,
                () -> Guard.<String>builder("inventory-admin").circuitBreaker(b -> b.name(name)).build());
        assertTrue(conflict.getMessage().contains(name), conflict.getMessage());
    }

    @Test
    void anUnnamedBreakerIsListedUnderTheGuardsName() {
        String guardName = unique("ledger");
        Guard.<String>builder(guardName).circuitBreaker().build();

        assertEquals(CircuitState.CLOSED, Steadfast.circuitBreakers().get(guardName).state());
    }

    @Test
    void everyRetryAttemptPassesTheBreakerAndAnOpenBreakerIsNotRetriedByDefault() {
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder(unique("ordered"))
                .retry(r -> r.maxRetries(10))
                .circuitBreaker(b -> b.requestVolumeThreshold(3).failureRatio(1.0).delay(Duration.ofMinutes(1)))
                .build();

        assertThrows(CircuitOpenException.class, () -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }));

        assertEquals(3, attempts.get(), "the breaker counted each attempt and opened after the third");
    }

    @Test
    void aHungCallTimesOutAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Guard<String> guard = Guard.<String>builder("hung").timeout(Duration.ofMillis(50)).build();

        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, () -> guard.call(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                return "late";
            } catch (InterruptedException stopped) {
                interrupted.countDown();
                throw stopped;
            }
        }));

        assertEquals(Duration.ofMillis(50), e.getTimeout());
        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt flag is cleared afterwards");
    }

    @Test
    void aFullBulkheadRejectsTheNextCallerAtOnce() throws Exception {
        Guard<String> guard = Guard.<String>builder("narrow").bulkhead(1).build();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> guard.get(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }));
        holder.start();
        try {
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            assertThrows(BulkheadFullException.class, () -> guard.get(() -> "second"));
        } finally {
            release.countDown();
            holder.join(TimeUnit.SECONDS.toMillis(5));
        }
        assertEquals("free again", guard.get(() -> "free again"));
    }

    @Test
    void theRateLimitRejectsBeyondItsValueWithTheTimeUntilTheNextWindow() {
        Guard<String> guard = Guard.<String>builder("throttled")
                .rateLimit(r -> r.value(2).window(Duration.ofHours(1))).build();

        guard.get(() -> "1");
        guard.get(() -> "2");
        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, () -> guard.get(() -> "3"));

        assertTrue(e.getRetryAfter().compareTo(Duration.ZERO) > 0);
        assertTrue(e.getRetryAfter().compareTo(Duration.ofHours(1)) <= 0);
    }

    @Test
    void aFallbackChainAnswersWhenRetriesRunOutMatchingTheCause() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder("degrading")
                .retry(r -> r.maxRetries(1).retryOn(IOException.class))
                .fallback(f -> f.applyOn(IOException.class)
                        .handler(failure -> {
                            throw new IllegalStateException("cache empty");
                        })
                        .handler(failure -> "default after " + failure.getClass().getSimpleName()))
                .build();

        String answer = guard.call(() -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        });

        assertEquals("default after RetryExhaustedException", answer);
        assertEquals(2, attempts.get());
    }

    @Test
    void aFallbackSkipsFailuresItDoesNotApplyTo() {
        Guard<String> guard = Guard.<String>builder("picky")
                .fallback(f -> f.handler(failure -> "fallback").skipOn(IllegalArgumentException.class)).build();

        assertThrows(IllegalArgumentException.class, () -> guard.get(() -> {
            throw new IllegalArgumentException("bad input");
        }));
        assertEquals("fallback", guard.get(() -> {
            throw new IllegalStateException("broken");
        }));
    }

    @Test
    void anAsyncGuardTimesOutTheStageAndRetriesWithoutBlocking() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AsyncGuard<String> guard = Guard.<String>builder("async-quotes")
                .retry(r -> r.maxRetries(2).delay(Duration.ofMillis(1)))
                .timeout(Duration.ofMillis(50))
                .buildAsync();

        CompletableFuture<String> result = guard.call(() -> attempts.incrementAndGet() < 3
                ? new CompletableFuture<>() // never completes: times out
                : CompletableFuture.completedFuture("third time")).toCompletableFuture();

        assertEquals("third time", result.get(10, TimeUnit.SECONDS));
        assertEquals(3, attempts.get());
    }

    @Test
    void anAsynchronousGuardRunsTheActionOnAnotherThreadAndFallsBackOnTheStage() throws Exception {
        Thread caller = Thread.currentThread();
        AsyncGuard<String> guard = Guard.<String>builder("offloaded").asynchronous()
                .fallbackTo(failure -> "fallback for " + failure.getMessage())
                .buildAsync();

        CompletableFuture<String> ran = guard.call(() -> CompletableFuture.completedFuture(
                Thread.currentThread() == caller ? "caller" : "elsewhere")).toCompletableFuture();
        CompletableFuture<String> failed = guard.call(() -> CompletableFuture.failedFuture(
                new IOException("down"))).toCompletableFuture();

        assertEquals("elsewhere", ran.get(10, TimeUnit.SECONDS));
        assertEquals("fallback for down", failed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anAsyncGuardDeliversRejectionsThroughTheStage() {
        AsyncGuard<String> guard = Guard.<String>builder("async-throttled")
                .rateLimit(r -> r.value(1).window(Duration.ofHours(1))).buildAsync();

        guard.call(() -> CompletableFuture.completedFuture("1"));
        CompletableFuture<String> second = guard.call(() -> CompletableFuture.completedFuture("2"))
                .toCompletableFuture();

        assertInstanceOf(RateLimitExceededException.class,
                assertThrows(java.util.concurrent.CompletionException.class, second::join).getCause());
    }

    @Test
    void anAsynchronousBuilderCannotBuildASynchronousGuard() {
        assertThrows(IllegalStateException.class, () -> Guard.<String>builder("x").asynchronous().build());
    }

    @Test
    void aBrokenOptionFailsTheBuildNamingTheGuardTheOptionTheValueAndTheRule() {
        assertEquals("Guard 'quotes': retry jitter 1.5 is not within [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes")
                        .retry(r -> r.jitter(1.5)).build()).getMessage());
        assertEquals("Guard 'quotes': retry maxDelay PT0.05S is below delay PT0.1S; a cap must not be below the delay",
                assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes")
                        .retry(r -> r.delay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(50))).build())
                        .getMessage());
        assertEquals("Guard 'quotes': circuitBreaker failureRatio 2.0 is not within [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes")
                        .circuitBreaker(b -> b.failureRatio(2.0)).build()).getMessage());
        assertEquals("Guard 'quotes': timeout PT0S is 0; a timeout must be positive",
                assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes")
                        .timeout(Duration.ZERO).build()).getMessage());
        assertEquals("Guard 'quotes': bulkhead value 0 is below 1; a bulkhead must admit at least one call",
                assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes")
                        .bulkhead(0).build()).getMessage());
        assertEquals("Guard 'quotes': retry maxRetries -1 (no count limit) needs a maxDuration, but maxDuration is 0;"
                        + " the retries would never end",
                assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes")
                        .retry(r -> r.maxRetries(-1).maxDuration(Duration.ZERO)).build()).getMessage());
    }

    @Test
    void exponentialBackoffWithJitterStillRespectsTheBudget() {
        AtomicInteger attempts = new AtomicInteger();
        Guard<String> guard = Guard.<String>builder("budgeted")
                .retry(r -> r.maxRetries(-1).delay(Duration.ofMillis(20)).backoff(Backoff.EXPONENTIAL).jitter(0.5)
                        .maxDuration(Duration.ofMillis(100)))
                .build();

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> guard.call(() -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }));

        assertEquals(attempts.get(), e.getAttempts());
        assertTrue(attempts.get() >= 2 && attempts.get() <= 5, "attempts: " + attempts.get());
    }

    @Test
    void aGuardWithoutPoliciesRunsTheCallAsIs() {
        Guard<String> guard = Guard.<String>builder("plain").build();

        assertEquals("plain", guard.name());
        assertEquals("unguarded", guard.get(() -> "unguarded"));
        assertThrows(IllegalStateException.class, () -> guard.get(() -> {
            throw new IllegalStateException("as is");
        }));
    }
}
