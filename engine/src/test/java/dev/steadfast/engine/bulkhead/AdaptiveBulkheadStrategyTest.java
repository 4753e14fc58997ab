package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.Violation;
import dev.steadfast.engine.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveBulkheadStrategyTest {

    private final ManualClock clock = new ManualClock();
    private final Support.Rejections rejections = new Support.Rejections();

    private static AdaptiveLimitPolicy limit(int initial) {
        return AdaptiveLimitPolicy.builder().initialLimit(initial).minLimit(1).maxLimit(100).build();
    }

    @Test
    void aSynchronousCallBeyondTheLimitIsRejectedWithTheCurrentLimit() throws Exception {
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        AdaptiveBulkheadStrategy<String> bulkhead = new AdaptiveBulkheadStrategy<>(invocation -> {
            inside.countDown();
            release.await();
            return "ok";
        }, Support.METHOD, limit(2), clock, rejections);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> a = pool.submit(() -> bulkhead.call(() -> "unused"));
            Future<String> b = pool.submit(() -> bulkhead.call(() -> "unused"));
            assertTrue(inside.await(10, TimeUnit.SECONDS));

            BulkheadFullException e = assertThrows(BulkheadFullException.class, () -> bulkhead.call(() -> "unused"));

            assertEquals(2, e.getMaxConcurrentCalls());
            assertEquals(Support.METHOD, e.getMethod());
            assertEquals(List.of(new CallRejected(Support.METHOD, CallRejected.Reason.BULKHEAD_FULL)),
                    rejections.events);
            release.countDown();
            assertEquals("ok", a.get(10, TimeUnit.SECONDS));
            assertEquals("ok", b.get(10, TimeUnit.SECONDS));
            assertEquals(0, bulkhead.limit().inflight());
            assertEquals("ok", bulkhead.call(() -> "unused"), "a permit is free again");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aStagedCallBeyondTheLimitFailsItsStageAndAPermitIsHeldUntilTheStageCompletes() {
        CompletableFuture<String> work = new CompletableFuture<>();
        AsyncAdaptiveBulkheadStrategy<String> bulkhead = new AsyncAdaptiveBulkheadStrategy<>(invocation -> work,
                Support.METHOD, limit(1), clock, rejections);

        CompletionStage<String> first = bulkhead.call(() -> null);
        CompletionStage<String> second = bulkhead.call(() -> null);

        BulkheadFullException e = assertInstanceOf(BulkheadFullException.class,
                assertThrows(Exception.class, () -> second.toCompletableFuture().join()).getCause());
        assertEquals(1, e.getMaxConcurrentCalls());
        assertEquals(1, bulkhead.limit().inflight());
        work.complete("ok");
        assertEquals("ok", first.toCompletableFuture().join());
        assertEquals(0, bulkhead.limit().inflight());
    }

    @Test
    void aWindowOfTimeoutsLowersTheLimitByTheBackoffRatio() {
        AdaptiveBulkheadStrategy<String> bulkhead = new AdaptiveBulkheadStrategy<>(invocation -> {
            clock.advance(Duration.ofMillis(10));
            throw new TimeoutExceededException("timed out", Duration.ofMillis(10));
        }, Support.METHOD, AdaptiveLimitPolicy.builder().initialLimit(40).maxLimit(100).backoffRatio(0.5).build(),
                clock, rejections);
        // The first two windows are not probes' or drops' business: the first window's drops already back off.
        for (int i = 0; i < 40; i++) {
            assertThrows(TimeoutExceededException.class, () -> bulkhead.call(() -> "unused"));
        }

        assertEquals(20, bulkhead.limit().limit());
    }

    @Test
    void aDependencyThatDoesNotSlowDownLetsTheLimitRiseWhenItIsUsed() throws Exception {
        AdaptiveLimit limit = new AdaptiveLimit(AdaptiveLimitPolicy.builder().initialLimit(10).maxLimit(100).build(),
                clock);
        // Keep the limit full: ten calls in flight at a time, each taking 10 ms whatever the load.
        for (int round = 0; round < 200; round++) {
            int n = limit.limit();
            long start = clock.nanoTime();
            int[] inflight = new int[n];
            for (int i = 0; i < n; i++) {
                inflight[i] = limit.tryAcquire();
            }
            clock.advance(Duration.ofMillis(10));
            for (int i = 0; i < n; i++) {
                limit.release(start, inflight[i], false);
            }
        }

        assertEquals(100, limit.limit(), "no queue ever showed: up to maxLimit");
    }

    @Test
    void violationsNameTheMemberTheValueAndTheRule() {
        assertEquals(List.of("minLimit 0 is below 1; a bulkhead must admit at least one call",
                        "backoffRatio 1.0 is not within [0.5, 1); a backoff must lower the limit, by at most half"),
                AdaptiveLimitPolicy.builder().minLimit(0).backoffRatio(1.0).violations().stream()
                        .map(Violation::message).toList());
        assertEquals(List.of("maxLimit 5 is below minLimit 10; the limit needs room to move"),
                AdaptiveLimitPolicy.builder().minLimit(10).maxLimit(5).violations().stream().map(Violation::message)
                        .toList());
        assertEquals(List.of("initialLimit 300 is not within [minLimit, maxLimit] = [1, 200]"),
                AdaptiveLimitPolicy.builder().initialLimit(300).violations().stream().map(Violation::message).toList());
    }
}
