package dev.steadfast.engine.fallback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.FallbackApplied;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.retry.RetryStrategy;
import dev.steadfast.engine.time.ManualClock;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FallbackStrategyTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final RecordingListener listener = new RecordingListener();
    private final List<String> tried = new ArrayList<>();

    private static FallbackPolicy policy(List<FallbackFunction<Object>> chain) {
        return new FallbackPolicy(chain, ExceptionMatcher.all());
    }

    private static FallbackPolicy policy(List<FallbackFunction<Object>> chain,
            List<Class<? extends Throwable>> applyOn, List<Class<? extends Throwable>> skipOn) {
        return new FallbackPolicy(chain, new ExceptionMatcher(applyOn, skipOn));
    }

    private FallbackStrategy<Object> strategy(FallbackPolicy policy) {
        return new FallbackStrategy<>(Invocation::proceed, METHOD, policy, listener);
    }

    /** A fallback that records its name and returns {@code value}. */
    private FallbackFunction<Object> returning(String name, Object value) {
        return (invocation, failure) -> {
            tried.add(name);
            return value;
        };
    }

    /** A fallback that records its name and throws {@code failure}. */
    private FallbackFunction<Object> throwing(String name, Exception toThrow) {
        return (invocation, failure) -> {
            tried.add(name);
            throw toThrow;
        };
    }

    private static Invocation<Object> failingWith(Throwable failure) {
        return () -> {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        };
    }

    @Test
    void aSuccessfulCallReturnsItsResultWithoutFallingBack() throws Exception {
        assertEquals("quote", strategy(policy(List.of(returning("a", "fallback")))).call(() -> "quote"));

        assertEquals(List.of(), tried);
        assertEquals(List.of(), listener.events());
    }

    @Test
    void aFailedCallIsAnsweredByTheFallbackWhichSeesTheFailureAndTheInvocation() throws Exception {
        IOException failure = new IOException();
        Object[] seen = new Object[2];
        FallbackFunction<Object> f = (invocation, t) -> {
            seen[0] = invocation.arguments();
            seen[1] = t;
            return "cached quote";
        };
        Object[] args = {"ACME"};
        Invocation<Object> call = new Invocation<>() {
            @Override
            public Object proceed() throws Exception {
                throw failure;
            }

            @Override
            public Object[] arguments() {
                return args;
            }
        };

        assertEquals("cached quote", strategy(policy(List.of(f))).call(call));
        assertArrayEquals(args, (Object[]) seen[0]);
        assertSame(failure, seen[1]);
        assertEquals(List.of(new FallbackApplied(METHOD, failure)), listener.events());
    }

    @Test
    void triesTheChainInOrderUntilOneSucceeds() throws Exception {
        FallbackStrategy<Object> s = strategy(policy(List.of(throwing("first", new IOException()),
                returning("second", "from second"), returning("third", "from third"))));

        assertEquals("from second", s.call(failingWith(new IOException())));
        assertEquals(List.of("first", "second"), tried);
    }

    @Test
    void everyFallbackReceivesTheOriginalFailure() throws Exception {
        IOException original = new IOException("original");
        List<Throwable> seen = new ArrayList<>();
        FallbackFunction<Object> first = (i, f) -> {
            seen.add(f);
            throw new IllegalStateException();
        };
        FallbackFunction<Object> second = (i, f) -> {
            seen.add(f);
            return "ok";
        };

        strategy(policy(List.of(first, second))).call(failingWith(original));

        assertEquals(List.of(original, original), seen);
    }

    @Test
    void whenEveryFallbackFailsTheLastFailurePropagatesWithTheEarlierOnesSuppressed() {
        IOException a = new IOException("a");
        IllegalStateException b = new IllegalStateException("b");
        IOException c = new IOException("c");
        FallbackStrategy<Object> s = strategy(
                policy(List.of(throwing("a", a), throwing("b", b), throwing("c", c))));

        IOException thrown = assertThrows(IOException.class, () -> s.call(failingWith(new IOException("call"))));

        assertSame(c, thrown);
        assertEquals(List.of(a, b), Arrays.asList(thrown.getSuppressed()));
        assertEquals(List.of("a", "b", "c"), tried);
        assertEquals(List.of(), listener.events(FallbackApplied.class));
    }

    @Test
    void aSingleFailingFallbackPropagatesItsFailureAsItIs() {
        IllegalStateException broken = new IllegalStateException();

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> strategy(policy(List.of(throwing("only", broken)))).call(failingWith(new IOException())));

        assertSame(broken, thrown);
        assertEquals(0, thrown.getSuppressed().length);
    }

    @Test
    void onlyFailuresInApplyOnTriggerTheFallback() throws Exception {
        FallbackStrategy<Object> s = strategy(
                policy(List.of(returning("f", "fallback")), List.of(IOException.class), List.of()));
        IllegalStateException notApplied = new IllegalStateException();

        assertSame(notApplied, assertThrows(IllegalStateException.class, () -> s.call(failingWith(notApplied))));
        assertEquals(List.of(), tried);

        assertEquals("fallback", s.call(failingWith(new FileNotFoundException())));
        assertEquals(List.of("f"), tried);
    }

    @Test
    void skipOnWinsOverApplyOn() {
        FallbackStrategy<Object> s = strategy(policy(List.of(returning("f", "fallback")),
                List.of(IOException.class), List.of(FileNotFoundException.class)));
        FileNotFoundException skipped = new FileNotFoundException();

        assertSame(skipped, assertThrows(FileNotFoundException.class, () -> s.call(failingWith(skipped))));
        assertEquals(List.of(), tried);
    }

    @Test
    void errorsTriggerTheFallbackUnderTheDefaultApplyOn() throws Exception {
        assertEquals("fallback",
                strategy(policy(List.of(returning("f", "fallback")))).call(failingWith(new AssertionError())));
    }

    @Test
    void aVirtualMachineErrorNeverTriggersTheFallback() {
        StackOverflowError fatal = new StackOverflowError();
        assertSame(fatal, assertThrows(StackOverflowError.class,
                () -> strategy(policy(List.of(returning("f", "fallback")))).call(failingWith(fatal))));
        assertEquals(List.of(), tried);
    }

    @Test
    void appliesWhenTheCauseOfRetryExhaustedExceptionIsInApplyOn() throws Exception {
        IOException cause = new IOException();
        RetryExhaustedException exhausted = exhausted(cause);
        List<Throwable> seen = new ArrayList<>();
        FallbackStrategy<Object> s = strategy(policy(List.of((i, f) -> {
            seen.add(f);
            return "fallback";
        }), List.of(IOException.class), List.of()));

        assertEquals("fallback", s.call(failingWith(exhausted)));
        assertEquals(List.of(exhausted), seen, "the fallback gets the exhaustion itself; its cause is in it");
    }

    @Test
    void skipOnMatchingTheCauseOfRetryExhaustedExceptionWins() {
        RetryExhaustedException exhausted = exhausted(new FileNotFoundException());
        FallbackStrategy<Object> s = strategy(policy(List.of(returning("f", "fallback")),
                List.of(Throwable.class), List.of(FileNotFoundException.class)));

        assertSame(exhausted, assertThrows(RetryExhaustedException.class, () -> s.call(failingWith(exhausted))));
        assertEquals(List.of(), tried);
    }

    @Test
    void skipOnMatchingTheRetryExhaustedExceptionItselfWinsOverApplyOnMatchingItsCause() {
        RetryExhaustedException exhausted = exhausted(new IOException());
        FallbackStrategy<Object> s = strategy(policy(List.of(returning("f", "fallback")),
                List.of(IOException.class), List.of(RetryExhaustedException.class)));

        assertThrows(RetryExhaustedException.class, () -> s.call(failingWith(exhausted)));
        assertEquals(List.of(), tried);
    }

    @Test
    void aRetryExhaustedExceptionWithoutCauseIsMatchedOnItselfOnly() throws Exception {
        RetryExhaustedException rejectedResult = new RetryExhaustedException("results rejected", null, 4,
                Duration.ZERO, 503);

        FallbackStrategy<Object> onIo = strategy(
                policy(List.of(returning("f", "fallback")), List.of(IOException.class), List.of()));
        assertThrows(RetryExhaustedException.class, () -> onIo.call(failingWith(rejectedResult)));

        FallbackStrategy<Object> onExhausted = strategy(policy(List.of(returning("f", "fallback")),
                List.of(RetryExhaustedException.class), List.of()));
        assertEquals("fallback", onExhausted.call(failingWith(rejectedResult)));
    }

    @Test
    void answersOnceTheRetriesInsideItRunOut() throws Exception {
        ManualClock clock = new ManualClock();
        RetryPolicy retry = RetryPolicy.builder().maxRetries(2).maxDuration(java.time.Duration.ZERO)
                .retryOn(List.of(IOException.class)).build();
        Strategy<Object> chain = new FallbackStrategy<>(
                new RetryStrategy<>(Invocation::proceed, METHOD, retry, clock, EngineListener.NONE), METHOD,
                policy(List.of(returning("f", "fallback")), List.of(IOException.class), List.of()), listener);
        int[] calls = {0};

        assertEquals("fallback", chain.call(() -> {
            calls[0]++;
            throw new IOException();
        }));
        assertEquals(3, calls[0]);
        assertEquals(RetryExhaustedException.class,
                listener.events(FallbackApplied.class).get(0).failure().getClass());
    }

    @Test
    void policyNeedsAtLeastOneFallback() {
        assertThrows(IllegalArgumentException.class, () -> new FallbackPolicy(List.of(), ExceptionMatcher.all()));
        assertThrows(NullPointerException.class,
                () -> new FallbackPolicy(List.of(returning("f", "x")), null));
    }

    private static RetryExhaustedException exhausted(Throwable cause) {
        return new RetryExhaustedException("Retries exhausted", cause, 4, Duration.ofSeconds(1), null);
    }
}
