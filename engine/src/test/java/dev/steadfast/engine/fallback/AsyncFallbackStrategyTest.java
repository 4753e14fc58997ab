package dev.steadfast.engine.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.FallbackApplied;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class AsyncFallbackStrategyTest {

    private static final String METHOD = "com.acme.Quotes#fetchAsync(String)";

    private final RecordingListener listener = new RecordingListener();
    private final List<String> tried = new ArrayList<>();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private AsyncFallbackStrategy<Object> strategy(List<FallbackFunction<CompletionStage<Object>>> chain,
            List<Class<? extends Throwable>> applyOn, List<Class<? extends Throwable>> skipOn) {
        // The policy holds the chain untyped, as the front ends build it.
        FallbackPolicy policy = new FallbackPolicy((List) chain, new ExceptionMatcher(applyOn, skipOn));
        return new AsyncFallbackStrategy<>(Invocation::proceed, METHOD, policy, listener);
    }

    private AsyncFallbackStrategy<Object> strategy(List<FallbackFunction<CompletionStage<Object>>> chain) {
        return strategy(chain, List.of(Throwable.class), List.of());
    }

    private FallbackFunction<CompletionStage<Object>> succeeding(String name, Object value) {
        return (invocation, failure) -> {
            tried.add(name);
            return CompletableFuture.completedFuture(value);
        };
    }

    private FallbackFunction<CompletionStage<Object>> failingStage(String name, Throwable failure) {
        return (invocation, f) -> {
            tried.add(name);
            return CompletableFuture.failedFuture(failure);
        };
    }

    private FallbackFunction<CompletionStage<Object>> throwing(String name, Exception failure) {
        return (invocation, f) -> {
            tried.add(name);
            throw failure;
        };
    }

    private static Invocation<CompletionStage<Object>> failedStage(Throwable failure) {
        return () -> CompletableFuture.failedFuture(failure);
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertTrue(f.isCompletedExceptionally(), "the stage failed");
        try {
            f.join();
        } catch (CompletionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        }
        return fail("join should have thrown");
    }

    @Test
    void aSuccessfulStagePassesThroughWithoutFallingBack() {
        CompletionStage<Object> result = strategy(List.of(succeeding("f", "fallback")))
                .call(() -> CompletableFuture.completedFuture("quote"));

        assertEquals("quote", result.toCompletableFuture().getNow(null));
        assertEquals(List.of(), tried);
    }

    @Test
    void aFailedStageIsAnsweredByTheFallbackStage() {
        IOException failure = new IOException();
        CompletableFuture<Object> inner = new CompletableFuture<>();

        CompletableFuture<Object> result = strategy(List.of(succeeding("f", "cached")))
                .call(() -> inner).toCompletableFuture();
        assertFalse(result.isDone());
        inner.completeExceptionally(failure);

        assertEquals("cached", result.getNow(null));
        assertEquals(List.of(new FallbackApplied(METHOD, failure)), listener.events());
    }

    @Test
    void aCallThatThrowsIsAnsweredByTheFallback() {
        CompletionStage<Object> result = strategy(List.of(succeeding("f", "cached"))).call(() -> {
            throw new IOException();
        });

        assertEquals("cached", result.toCompletableFuture().getNow(null));
    }

    @Test
    void theFallbackSeesTheFailureWithoutTheCompletionExceptionWrapper() {
        IOException failure = new IOException();
        List<Throwable> seen = new ArrayList<>();

        strategy(List.of((i, f) -> {
            seen.add(f);
            return CompletableFuture.completedFuture("ok");
        })).call(failedStage(new CompletionException(failure)));

        assertEquals(List.of(failure), seen);
    }

    @Test
    void triesTheChainInOrderUntilOneSucceeds() {
        CompletionStage<Object> result = strategy(List.of(failingStage("first", new IOException()),
                throwing("second", new IllegalStateException()), succeeding("third", "from third"),
                succeeding("fourth", "from fourth"))).call(failedStage(new IOException()));

        assertEquals("from third", result.toCompletableFuture().getNow(null));
        assertEquals(List.of("first", "second", "third"), tried);
    }

    @Test
    void waitsForAPendingFallbackStage() {
        CompletableFuture<Object> slowFallback = new CompletableFuture<>();

        CompletableFuture<Object> result = strategy(List.of((i, f) -> slowFallback))
                .call(failedStage(new IOException())).toCompletableFuture();
        assertFalse(result.isDone());
        slowFallback.complete("late but fine");

        assertEquals("late but fine", result.getNow(null));
    }

    @Test
    void whenEveryFallbackFailsTheLastFailureCompletesTheStageWithTheEarlierOnesSuppressed() {
        IOException a = new IOException("a");
        IllegalStateException b = new IllegalStateException("b");
        IOException c = new IOException("c");

        CompletionStage<Object> result = strategy(List.of(failingStage("a", a), throwing("b", b),
                failingStage("c", c))).call(failedStage(new IOException("call")));

        Throwable last = failureOf(result);
        assertSame(c, last);
        assertEquals(List.of(a, b), Arrays.asList(last.getSuppressed()));
        assertEquals(List.of(), listener.events(FallbackApplied.class));
    }

    @Test
    void aFailureNotInApplyOnCompletesTheStageUnwrapped() {
        IllegalStateException failure = new IllegalStateException();

        CompletionStage<Object> result = strategy(List.of(succeeding("f", "x")), List.of(IOException.class),
                List.of()).call(failedStage(new CompletionException(failure)));

        assertSame(failure, failureOf(result));
        assertEquals(List.of(), tried);
    }

    @Test
    void skipOnWinsOverApplyOn() {
        FileNotFoundException failure = new FileNotFoundException();

        CompletionStage<Object> result = strategy(List.of(succeeding("f", "x")), List.of(IOException.class),
                List.of(FileNotFoundException.class)).call(failedStage(failure));

        assertSame(failure, failureOf(result));
        assertEquals(List.of(), tried);
    }

    @Test
    void applyOnAndSkipOnMatchTheCauseOfRetryExhaustedException() {
        RetryExhaustedException onIo = new RetryExhaustedException("exhausted", new IOException(), 4,
                Duration.ZERO, null);
        RetryExhaustedException onMissingFile = new RetryExhaustedException("exhausted",
                new FileNotFoundException(), 4, Duration.ZERO, null);
        AsyncFallbackStrategy<Object> s = strategy(List.of(succeeding("f", "fallback")), List.of(IOException.class),
                List.of(FileNotFoundException.class));

        assertEquals("fallback", s.call(failedStage(onIo)).toCompletableFuture().getNow(null));
        assertSame(onMissingFile, failureOf(s.call(failedStage(onMissingFile))));
    }
}
