package dev.steadfast.engine.ratelimit;

import dev.steadfast.CallRejected;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.steadfast.engine.ratelimit.RateLimitStrategyTest.METHOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AsyncRateLimitStrategyTest {

    private final ManualClock clock = new ManualClock();
    private final RateLimitStrategyTest.Rejections listener = new RateLimitStrategyTest.Rejections();
    private final AsyncRateLimitStrategy<String> strategy = new AsyncRateLimitStrategy<>(Invocation::proceed, METHOD,
            new RateLimitPolicy(2, Duration.ofSeconds(1).toNanos(), 0, RateLimitType.ROLLING), clock, listener);

    @Test
    void passesTheInnerStageOfAnAdmittedCallThroughUnchanged() throws Exception {
        CompletableFuture<String> inner = new CompletableFuture<>();

        assertSame(inner, strategy.call(() -> inner));
    }

    @Test
    void rejectsWithAFailedStageCarryingTheExactRetryAfterInsteadOfThrowing() throws Exception {
        strategy.call(() -> CompletableFuture.completedFuture("a"));
        clock.advance(Duration.ofMillis(250));
        strategy.call(() -> CompletableFuture.completedFuture("b"));
        clock.advance(Duration.ofMillis(500));
        AtomicBoolean invoked = new AtomicBoolean();

        CompletionStage<String> rejected = strategy.call(() -> {
            invoked.set(true);
            return CompletableFuture.completedFuture("never");
        });

        CompletionException e = assertThrows(CompletionException.class, () -> rejected.toCompletableFuture().join());
        RateLimitExceededException cause = assertInstanceOf(RateLimitExceededException.class, e.getCause());
        assertEquals(Duration.ofMillis(250), cause.getRetryAfter(), "the call at 0 leaves the window at 1 s");
        assertEquals(METHOD, cause.getMethod());
        assertFalse(invoked.get());
        assertEquals(List.of(new CallRejected(METHOD, CallRejected.Reason.RATE_LIMITED)), listener.events);

        clock.advance(Duration.ofMillis(250));
        assertEquals("c", strategy.call(() -> CompletableFuture.completedFuture("c")).toCompletableFuture().join());
    }
}
