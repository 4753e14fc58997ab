package dev.steadfast.engine.fallback;

import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.retry.RetryStrategy;
import dev.steadfast.engine.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fallback strategies say when a fallback answers (docs/degradation.md): the {@link FallbackApplied} event
 * with the method, the failure, which fallback answered and how long the guarded part took, to the listener and to the
 * call's invocation; and answers flagged as {@link Degraded} when the policy says so.
 */
class DegradationTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final List<FallbackApplied> heard = new CopyOnWriteArrayList<>();
    private final EngineListener listener = new EngineListener() {
        @Override
        public void fallbackApplied(FallbackApplied event) {
            heard.add(event);
        }
    };

    @SafeVarargs
    private static FallbackPolicy policy(boolean flags, FallbackFunction<Object>... chain) {
        return new FallbackPolicy(List.of(chain), ExceptionMatcher.all(), FallbackPolicy.numbered("f", chain.length),
                flags);
    }

    private static FallbackPolicy named(boolean flags, List<String> names, List<FallbackFunction<Object>> chain) {
        return new FallbackPolicy(chain, ExceptionMatcher.all(), names, flags);
    }

    private FallbackStrategy<Object> sync(FallbackPolicy policy, boolean timed) {
        return new FallbackStrategy<>(Invocation::proceed, METHOD, policy, listener, FailureRule.STEADFAST, clock,
                timed);
    }

    private AsyncFallbackStrategy<Object> staged(FallbackPolicy policy, boolean timed) {
        return new AsyncFallbackStrategy<>(Invocation::proceed, METHOD, policy, listener, FailureRule.STEADFAST, clock,
                timed);
    }

    /** A body that takes {@code took} of the manual clock, then fails with {@code failure}. */
    private Invocation<Object> failingAfter(Duration took, Exception failure) {
        return () -> {
            clock.advance(took);
            throw failure;
        };
    }

    /** An invocation that keeps the event it is told about and may carry a start reading. */
    private static final class Keeping<V> implements Invocation<V> {

        final Invocation<V> body;
        final long start;
        FallbackApplied event;

        Keeping(Invocation<V> body, long start) {
            this.body = body;
            this.start = start;
        }

        @Override
        public V proceed() throws Exception {
            return body.proceed();
        }

        @Override
        public long startNanos() {
            return start;
        }

        @Override
        public void fallbackApplied(FallbackApplied e) {
            event = e;
        }
    }

    @Test
    void theEventNamesTheMethodTheFailureTheFallbackThatAnsweredAndItsPlace() throws Exception {
        IOException down = new IOException("down");
        FallbackPolicy p = named(false, List.of("replica", "cachedQuote"), List.of(
                (i, f) -> {
                    throw new IllegalStateException("replica lagging");
                },
                (i, f) -> "cached"));

        assertEquals("cached", sync(p, true).call(failingAfter(Duration.ofMillis(1700), down)));

        assertEquals(List.of(new FallbackApplied(METHOD, down, "cachedQuote", 2, Duration.ofMillis(1700))), heard);
    }

    @Test
    void theElapsedTimeIsTheGuardedPartsNotTheFallbacks() throws Exception {
        FallbackPolicy p = policy(false, (i, f) -> {
            clock.advance(Duration.ofSeconds(5)); // a slow fallback
            return "cached";
        });

        sync(p, true).call(failingAfter(Duration.ofMillis(300), new IOException()));

        assertEquals(Duration.ofMillis(300), heard.get(0).elapsed());
    }

    @Test
    void untimedTheElapsedTimeComesFromTheInvocationsOwnStart() throws Exception {
        clock.advance(Duration.ofSeconds(1));
        long start = clock.nanoTime();
        clock.advance(Duration.ofMillis(200)); // the outer part of the chain, before the fallback layer

        sync(policy(false, (i, f) -> "cached"), false)
                .call(new Keeping<>(failingAfter(Duration.ofMillis(50), new IOException()), start));

        assertEquals(Duration.ofMillis(250), heard.get(0).elapsed());
    }

    @Test
    void untimedAndWithoutAStartTheElapsedTimeIsZero() throws Exception {
        sync(policy(false, (i, f) -> "cached"), false).call(failingAfter(Duration.ofSeconds(3), new IOException()));

        assertEquals(Duration.ZERO, heard.get(0).elapsed());
    }

    @Test
    void theInvocationHearsTheEventBeforeTheAnswerIsReturned() throws Exception {
        var call = new Keeping<>(failingAfter(Duration.ZERO, new IOException()), Invocation.UNTIMED);

        Object answer = sync(policy(false, (i, f) -> "cached"), false).call(call);

        assertEquals("cached", answer);
        assertSame(heard.get(0), call.event);
    }

    @Test
    void aFreshAnswerAnnouncesNothing() throws Exception {
        Keeping<Object> call = new Keeping<>(() -> "live", Invocation.UNTIMED);

        assertEquals("live", sync(policy(true, (i, f) -> "cached"), true).call(call));

        assertEquals(List.of(), heard);
        assertNull(call.event);
    }

    @Test
    void aFlaggingPolicyWrapsTheFallbacksAnswerAsDegradedForTheEvent() throws Exception {
        Object answer = sync(policy(true, (i, f) -> "cached"), true).call(failingAfter(Duration.ZERO,
                new IOException()));

        Degraded<?> d = assertInstanceOf(Degraded.class, answer);
        assertTrue(d.isDegraded());
        assertEquals("cached", d.value());
        assertSame(heard.get(0), d.reason().orElseThrow());
    }

    @Test
    void aFallbackThatAnswersADegradedItselfIsFlaggedWithThisCallsEvent() throws Exception {
        Object answer = sync(policy(true, (i, f) -> Degraded.fresh("cached")), true)
                .call(failingAfter(Duration.ZERO, new IOException()));

        Degraded<?> d = assertInstanceOf(Degraded.class, answer);
        assertEquals("cached", d.value(), "not a Degraded of a Degraded");
        assertSame(heard.get(0), d.reason().orElseThrow());
    }

    @Test
    void aFreshAnswerOfAFlaggingPolicyPassesAsTheBodyReturnedIt() throws Exception {
        Degraded<String> fresh = Degraded.fresh("live");

        assertSame(fresh, sync(policy(true, (i, f) -> "cached"), true).call(() -> fresh));
    }

    @Test
    void whenEveryFallbackFailsNothingIsAnnounced() {
        FallbackPolicy p = policy(true, (i, f) -> {
            throw new IllegalStateException("no cache");
        });

        assertThrows(IllegalStateException.class,
                () -> sync(p, true).call(failingAfter(Duration.ZERO, new IOException())));
        assertEquals(List.of(), heard);
    }

    @Test
    void afterExhaustedRetriesTheEventCarriesTheRetryExhaustedExceptionAndEveryAttemptsTime() throws Exception {
        RetryStrategy<Object> retry = new RetryStrategy<>(Invocation::proceed, METHOD,
                RetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(100)).maxDuration(Duration.ZERO).build(),
                clock, EngineListener.NONE, FailureRule.STEADFAST);
        FallbackStrategy<Object> fallback = new FallbackStrategy<>(retry, METHOD, policy(false, (i, f) -> "cached"),
                listener, FailureRule.STEADFAST, clock, true);

        fallback.call(failingAfter(Duration.ofMillis(10), new IOException()));

        FallbackApplied e = heard.get(0);
        assertInstanceOf(RetryExhaustedException.class, e.failure());
        assertEquals(Duration.ofMillis(3 * 10 + 2 * 100), e.elapsed(), "three attempts and two delays");
    }

    @Test
    void aStagesFallbackIsAnnouncedAndFlaggedBeforeTheCallersStageCompletes() throws Exception {
        IOException down = new IOException("down");
        Keeping<CompletionStage<Object>> call = new Keeping<>(() -> {
            clock.advance(Duration.ofMillis(40));
            return CompletableFuture.failedFuture(down);
        }, Invocation.UNTIMED);
        List<Object> seenOnCompletion = new CopyOnWriteArrayList<>();

        CompletionStage<Object> stage = staged(policy(true, (i, f) -> CompletableFuture.completedFuture("cached")),
                true).call(call);
        stage.thenAccept(v -> seenOnCompletion.add(List.copyOf(heard)));

        Degraded<?> d = assertInstanceOf(Degraded.class, stage.toCompletableFuture().get());
        assertEquals("cached", d.value());
        assertEquals(new FallbackApplied(METHOD, down, "f1", 1, Duration.ofMillis(40)), d.reason().orElseThrow());
        assertSame(d.reason().orElseThrow(), call.event);
        assertEquals(List.of(List.of(d.reason().orElseThrow())), seenOnCompletion);
    }

    @Test
    void aStagesFallbackCompletingLaterIsAnnouncedWhenItCompletes() throws Exception {
        CompletableFuture<Object> later = new CompletableFuture<>();
        CompletionStage<Object> stage = staged(policy(false, (i, f) -> later), false)
                .call(() -> CompletableFuture.failedFuture(new IOException()));

        assertEquals(List.of(), heard, "the fallback has not answered yet");
        later.complete("cached");

        assertEquals("cached", stage.toCompletableFuture().get());
        assertEquals(1, heard.size());
    }

    @Test
    void aStagesFallbackAnsweringWithoutAStageIsFlaggedToo() throws Exception {
        CompletionStage<Object> stage = staged(policy(true, (i, f) -> null), false)
                .call(() -> CompletableFuture.failedFuture(new IOException()));

        Degraded<?> d = assertInstanceOf(Degraded.class, stage.toCompletableFuture().get());
        assertNull(d.value());
        assertTrue(d.isDegraded());
    }

    @Test
    void aStageThatSucceedsAnnouncesNothingAndKeepsItsValue() throws Exception {
        CompletionStage<Object> stage = staged(policy(true, (i, f) -> CompletableFuture.completedFuture("cached")),
                true).call(() -> CompletableFuture.completedFuture(Degraded.fresh("live")));

        Degraded<?> d = assertInstanceOf(Degraded.class, stage.toCompletableFuture().get());
        assertFalse(d.isDegraded());
        assertEquals(List.of(), heard);
    }

    @Test
    void aPolicyWithoutNamesNumbersItsFallbacks() {
        FallbackPolicy p = new FallbackPolicy(List.of((i, f) -> "a", (i, f) -> "b"), ExceptionMatcher.all());

        assertEquals(List.of("fallback-1", "fallback-2"), p.names());
        assertFalse(p.flagsAnswers());
        assertEquals(p.names(), p.withChain(List.of((i, f) -> "c", (i, f) -> "d")).names());
    }
}
