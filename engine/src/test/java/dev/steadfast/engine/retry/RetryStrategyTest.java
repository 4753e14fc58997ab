package dev.steadfast.engine.retry;

import static dev.steadfast.engine.retry.Policies.retry;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.Backoff;
import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.FaultToleranceException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryAfterHint;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.RetriesExhausted;
import dev.steadfast.engine.RecordingListener.RetryScheduled;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.ManualClock;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryStrategyTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void clearInterruptFlag() {
        // A failed interrupt test must not leak its flag into the next test.
        Thread.interrupted();
    }

    private RetryStrategy<Object> strategy(Policies policy) {
        return new RetryStrategy<>(Invocation::proceed, METHOD, policy.build(), clock, listener);
    }

    private RetryStrategy<Object> strategy(Policies policy, DoubleSupplier random) {
        return new RetryStrategy<>(Invocation::proceed, METHOD, policy.build(), clock, listener, random);
    }

    private static List<IOException> failures(int n) {
        List<IOException> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(new IOException("failure " + i));
        }
        return list;
    }

    // --- outcomes ---

    @Test
    void returnsAtOnceWhenTheFirstAttemptSucceeds() throws Exception {
        Script body = Script.of("quote");

        assertEquals("quote", strategy(retry().delay(ofSeconds(1))).call(body));
        assertEquals(1, body.calls());
        assertEquals(List.of(), clock.sleeps());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void retriesUntilSuccessThenReturnsTheResult() throws Exception {
        Script body = Script.of(new IOException("1"), new IOException("2"), "quote");

        assertEquals("quote", strategy(retry().delay(ofMillis(100))).call(body));
        assertEquals(3, body.calls());
        assertEquals(List.of(ofMillis(100), ofMillis(100)), clock.sleeps());
    }

    @Test
    void exhaustionAfterMaxRetriesPlusOneAttemptsThrowsRetryExhaustedException() {
        List<IOException> f = failures(4);
        Script body = Script.of(f.toArray());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(3).delay(ofMillis(100))).call(body));

        assertEquals(4, body.calls());
        assertEquals(4, e.getAttempts());
        assertEquals(ofMillis(300), e.getElapsed());
        assertSame(f.get(3), e.getCause());
        assertEquals(List.of(f.get(0), f.get(1), f.get(2)), Arrays.asList(e.getSuppressed()));
        assertEquals(Optional.empty(), e.getLastResult());
        assertTrue(e.getMessage().contains(METHOD), e.getMessage());
        assertTrue(e.getMessage().contains("4 attempts"), e.getMessage());
    }

    @Test
    void elapsedTimeCountsTheAttemptsAndTheDelaysOnTheClock() {
        Script body = Script.spending(() -> clock.advance(ofMillis(40)), new IOException());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).delay(ofMillis(10))).call(body));

        assertEquals(ofMillis(3 * 40 + 2 * 10), e.getElapsed());
    }

    @Test
    void zeroMaxRetriesMakesOneAttemptOnly() {
        IOException failure = new IOException();
        Script body = Script.of(failure);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(0)).call(body));

        assertEquals(1, body.calls());
        assertEquals(1, e.getAttempts());
        assertSame(failure, e.getCause());
        assertEquals(0, e.getSuppressed().length);
    }

    @Test
    void keepsOnlyTheMostRecentEightEarlierFailuresAsSuppressed() {
        List<IOException> f = failures(12);
        Script body = Script.of(f.toArray());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(11)).call(body));

        assertEquals(12, e.getAttempts());
        assertSame(f.get(11), e.getCause());
        assertEquals(f.subList(3, 11), Arrays.asList(e.getSuppressed()));
    }

    // --- which failures are retried ---

    @Test
    void aFailureNotInRetryOnPropagatesUnwrappedAtOnce() {
        IllegalStateException failure = new IllegalStateException("not retryable");
        Script body = Script.of(failure, "never reached");

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> strategy(retry().retryOn(IOException.class).delay(ofMillis(100))).call(body));

        assertSame(failure, thrown);
        assertEquals(1, body.calls());
        assertEquals(List.of(), clock.sleeps());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void retryOnMatchesSubclasses() throws Exception {
        Script body = Script.of(new FileNotFoundException(), "found");

        assertEquals("found", strategy(retry().retryOn(IOException.class)).call(body));
        assertEquals(2, body.calls());
    }

    @Test
    void abortOnWinsOverRetryOn() {
        FileNotFoundException failure = new FileNotFoundException();
        Script body = Script.of(failure, "never reached");

        FileNotFoundException thrown = assertThrows(FileNotFoundException.class,
                () -> strategy(retry().retryOn(IOException.class).abortOn(FileNotFoundException.class)).call(body));

        assertSame(failure, thrown);
        assertEquals(1, body.calls());
    }

    @Test
    void abortOnStillLetsOtherFailuresInRetryOnBeRetried() throws Exception {
        Script body = Script.of(new IOException(), "ok");

        assertEquals("ok",
                strategy(retry().retryOn(IOException.class).abortOn(FileNotFoundException.class)).call(body));
        assertEquals(2, body.calls());
    }

    @Test
    void errorsAreNotRetriedByDefault() {
        Boom error = new Boom();
        Script body = Script.of(error, "never reached");

        assertSame(error, assertThrows(Boom.class, () -> strategy(retry()).call(body)));
        assertEquals(1, body.calls());
    }

    @Test
    void errorsAreRetriedWhenRetryOnNamesThem() throws Exception {
        Script body = Script.of(new Boom(), "ok");

        assertEquals("ok", strategy(retry().retryOn(Boom.class)).call(body));
        assertEquals(2, body.calls());
    }

    static Stream<FaultToleranceException> rejections() {
        return Stream.of(new CircuitOpenException("payments", CircuitState.OPEN, Duration.ZERO),
                new BulkheadFullException(METHOD, 10, 0),
                new RateLimitExceededException(METHOD, Duration.ZERO));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void steadfastRejectionsAreNotRetriedByDefault(FaultToleranceException rejection) {
        Script body = Script.of(rejection, "never reached");

        assertSame(rejection, assertThrows(FaultToleranceException.class, () -> strategy(retry()).call(body)));
        assertEquals(1, body.calls());
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void steadfastRejectionsAreNotRetriedWhenRetryOnNamesOnlyABroaderClass(FaultToleranceException rejection) {
        Script body = Script.of(rejection, "never reached");

        assertThrows(FaultToleranceException.class,
                () -> strategy(retry().retryOn(RuntimeException.class, Throwable.class)).call(body));
        assertEquals(1, body.calls());
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void steadfastRejectionsAreRetriedWhenRetryOnNamesTheirClass(FaultToleranceException rejection)
            throws Exception {
        Script body = Script.of(rejection, "ok");

        assertEquals("ok", strategy(retry().retryOn(rejection.getClass())).call(body));
        assertEquals(2, body.calls());
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void steadfastRejectionsAreRetriedWhenRetryOnNamesFaultToleranceException(FaultToleranceException rejection)
            throws Exception {
        Script body = Script.of(rejection, "ok");

        assertEquals("ok", strategy(retry().retryOn(FaultToleranceException.class)).call(body));
        assertEquals(2, body.calls());
    }

    @Test
    void abortOnWinsOverAnExplicitlyNamedRejection() {
        CircuitOpenException rejection = new CircuitOpenException("payments", CircuitState.OPEN, Duration.ZERO);
        Script body = Script.of(rejection, "never reached");

        assertSame(rejection, assertThrows(CircuitOpenException.class, () -> strategy(
                retry().retryOn(FaultToleranceException.class).abortOn(CircuitOpenException.class)).call(body)));
        assertEquals(1, body.calls());
    }

    // --- server-driven delays ---

    @Test
    void aRetryAfterHintMakesTheDelayAtLeastTheHint() throws Exception {
        Script body = Script.of(new Unavailable(ofSeconds(2)), new Unavailable(ofMillis(10)),
                new Unavailable(null), "ok");

        assertEquals("ok", strategy(retry().delay(ofMillis(100))).call(body));
        // 2 s hint beats the 100 ms delay; a 10 ms hint and an empty hint leave the delay alone.
        assertEquals(List.of(ofSeconds(2), ofMillis(100), ofMillis(100)), clock.sleeps());
    }

    @Test
    void aRetryAfterHintIsHonouredAboveMaxDelay() throws Exception {
        Script body = Script.of(new Unavailable(ofSeconds(2)), "ok");

        assertEquals("ok", strategy(retry().delay(ofMillis(100)).maxDelay(ofMillis(500))).call(body));
        assertEquals(List.of(ofSeconds(2)), clock.sleeps());
    }

    @Test
    void aRetryAfterHintThatWouldCrossMaxDurationIsNotWaitedFor() {
        Unavailable failure = new Unavailable(ofSeconds(5));
        Script body = Script.of(failure, "never reached");

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().delay(ofMillis(100)).maxDuration(ofSeconds(1))).call(body));

        assertEquals(1, body.calls());
        assertSame(failure, e.getCause());
        assertEquals(List.of(), clock.sleeps());
        assertEquals(0, clock.nanoTime());
    }

    @Test
    void aCircuitOpenRetryAfterBecomesTheDelayWhenTheRejectionIsRetried() throws Exception {
        Script body = Script.of(new CircuitOpenException("payments", CircuitState.OPEN, ofSeconds(3)), "ok");

        assertEquals("ok", strategy(retry().retryOn(CircuitOpenException.class).delay(ofMillis(100))).call(body));
        assertEquals(List.of(ofSeconds(3)), clock.sleeps());
    }

    // --- backoff ---

    @Test
    void constantBackoffWaitsTheBaseDelayBeforeEveryRetry() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(4).delay(ofMillis(100)).backoff(Backoff.CONSTANT)).call(body));

        assertEquals(Collections.nCopies(4, ofMillis(100)), clock.sleeps());
    }

    @Test
    void exponentialBackoffMultipliesTheDelayByTheFactorEachRetry() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class, () -> strategy(
                retry().maxRetries(4).delay(ofMillis(100)).backoff(Backoff.EXPONENTIAL).factor(3)).call(body));

        assertEquals(List.of(ofMillis(100), ofMillis(300), ofMillis(900), ofMillis(2700)), clock.sleeps());
    }

    @Test
    void fibonacciBackoffFollowsTheFibonacciSequence() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class, () -> strategy(
                retry().maxRetries(7).delay(ofMillis(100)).backoff(Backoff.FIBONACCI)).call(body));

        assertEquals(List.of(ofMillis(100), ofMillis(100), ofMillis(200), ofMillis(300), ofMillis(500),
                ofMillis(800), ofMillis(1300)), clock.sleeps());
    }

    @Test
    void maxDelayCapsEveryDelay() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class, () -> strategy(retry().maxRetries(5).delay(ofMillis(100))
                .backoff(Backoff.EXPONENTIAL).factor(2).maxDelay(ofMillis(300))).call(body));

        assertEquals(List.of(ofMillis(100), ofMillis(200), ofMillis(300), ofMillis(300), ofMillis(300)),
                clock.sleeps());
    }

    @Test
    void exponentialBackoffWithAHugeRetryCountSaturatesInsteadOfOverflowing() throws Exception {
        // Retry 200 of 1 s x 2^199 is far past any long; it must stay capped, not wrap to a negative delay.
        Script body = Script.of(new IOException());
        RetryStrategy<Object> s = strategy(retry().maxRetries(200).delay(ofSeconds(1)).backoff(Backoff.EXPONENTIAL)
                .maxDelay(ofSeconds(60)).maxDuration(Duration.ZERO));

        assertThrows(RetryExhaustedException.class, () -> s.call(body));

        List<Duration> sleeps = clock.sleeps();
        assertEquals(200, sleeps.size());
        assertEquals(ofSeconds(60), sleeps.get(199));
        assertTrue(sleeps.stream().allMatch(d -> !d.isNegative() && d.compareTo(ofSeconds(60)) <= 0), "" + sleeps);
    }

    // --- jitter ---

    @Test
    void jitterWithTheLowestRandomValueShortensTheDelayByTheJitterFraction() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).delay(ofMillis(100)).jitter(0.25), () -> 0.0).call(body));

        assertEquals(List.of(ofMillis(75), ofMillis(75)), clock.sleeps());
    }

    @Test
    void jitterWithTheHighestRandomValueLengthensTheDelayByTheJitterFraction() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).delay(ofMillis(100)).jitter(0.25), () -> 1.0).call(body));

        assertEquals(List.of(ofMillis(125), ofMillis(125)), clock.sleeps());
    }

    @Test
    void jitterScalesTheDelayLinearlyWithinItsBounds() {
        double[] randoms = {0.0, 0.25, 0.5, 0.75, 1.0};
        AtomicInteger i = new AtomicInteger();
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class, () -> strategy(
                retry().maxRetries(5).delay(ofMillis(1000)).jitter(0.5), () -> randoms[i.getAndIncrement()])
                .call(body));

        assertEquals(List.of(ofMillis(500), ofMillis(750), ofMillis(1000), ofMillis(1250), ofMillis(1500)),
                clock.sleeps());
    }

    @Test
    void jitterAppliesToTheBackoffCurveAndTheCapStillHolds() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class, () -> strategy(retry().maxRetries(3).delay(ofMillis(100))
                .backoff(Backoff.EXPONENTIAL).factor(2).jitter(1.0).maxDelay(ofMillis(500)), () -> 1.0).call(body));

        // 200, 400, 800 -> capped to 500
        assertEquals(List.of(ofMillis(200), ofMillis(400), ofMillis(500)), clock.sleeps());
    }

    @Test
    void theDefaultRandomKeepsEveryDelayWithinTheJitterBounds() {
        Script body = Script.of(new IOException());

        assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(200).delay(ofMillis(100)).jitter(0.3).maxDuration(Duration.ZERO))
                        .call(body));

        assertEquals(200, clock.sleeps().size());
        for (Duration d : clock.sleeps()) {
            assertTrue(d.compareTo(ofMillis(70)) >= 0 && d.compareTo(ofMillis(130)) <= 0, d.toString());
        }
    }

    // --- time budget ---

    @Test
    void maxDurationStopsBeforeADelayThatWouldCrossIt() {
        IOException last = new IOException("second");
        Script body = Script.spending(() -> clock.advance(ofMillis(50)), new IOException("first"), last);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> strategy(
                retry().maxRetries(10).delay(ofMillis(100)).maxDuration(ofMillis(280))).call(body));

        // attempt 1: 0-50, wait 100, attempt 2: 150-200; a further 100 ms would end at 300 > 280: not waited for.
        assertEquals(2, body.calls());
        assertEquals(2, e.getAttempts());
        assertEquals(ofMillis(200), e.getElapsed());
        assertEquals(List.of(ofMillis(100)), clock.sleeps());
        assertEquals(ofMillis(200).toNanos(), clock.nanoTime());
        assertSame(last, e.getCause());
    }

    @Test
    void unlimitedRetriesAreBoundedByMaxDuration() {
        Script body = Script.of(new IOException());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(-1).delay(ofSeconds(1)).maxDuration(ofMillis(10_500))).call(body));

        assertEquals(11, body.calls());
        assertEquals(11, e.getAttempts());
        assertEquals(ofSeconds(10), e.getElapsed());
    }

    @Test
    void zeroMaxDurationMeansNoTimeBudget() {
        Script body = Script.of(new IOException());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> strategy(
                retry().maxRetries(2).delay(Duration.ofHours(1)).maxDuration(Duration.ZERO)).call(body));

        assertEquals(3, e.getAttempts());
        assertEquals(Duration.ofHours(2), e.getElapsed());
    }

    // --- results ---

    @Test
    void aResultRejectedByRetryOnResultIsRetriedUntilAnAcceptableOne() throws Exception {
        Script body = Script.of(503, 503, 200);

        assertEquals(200, strategy(retry().retryOnResult(r -> Integer.valueOf(503).equals(r))).call(body));
        assertEquals(3, body.calls());
    }

    @Test
    void rejectedResultsUntilTheEndExhaustWithNoCauseAndTheLastResult() {
        Script body = Script.of(503);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).retryOnResult(r -> Integer.valueOf(503).equals(r))).call(body));

        assertEquals(3, e.getAttempts());
        assertNull(e.getCause());
        assertEquals(Optional.of(503), e.getLastResult());
        assertTrue(e.getMessage().contains("rejected"), e.getMessage());
    }

    @Test
    void failuresBeforeARejectedLastResultAreKeptAsSuppressed() {
        IOException failure = new IOException();
        Script body = Script.of(failure, 503);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).retryOnResult(r -> Integer.valueOf(503).equals(r))).call(body));

        assertNull(e.getCause());
        assertEquals(Optional.of(503), e.getLastResult());
        assertEquals(List.of(failure), Arrays.asList(e.getSuppressed()));
    }

    @Test
    void aFailureAfterRejectedResultsIsTheCauseAndNoResultIsReported() {
        IOException failure = new IOException();
        Script body = Script.of(503, 503, failure);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).retryOnResult(r -> Integer.valueOf(503).equals(r))).call(body));

        assertSame(failure, e.getCause());
        assertEquals(Optional.empty(), e.getLastResult());
    }

    @Test
    void aRetryOnResultPredicateThatThrowsFailsTheAttemptWithItsException() {
        IllegalStateException bug = new IllegalStateException("predicate bug");
        Script body = Script.of(200);

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> strategy(retry().retryOn(IOException.class).retryOnResult(r -> {
                    throw bug;
                })).call(body));

        assertSame(bug, thrown);
        assertEquals(1, body.calls());
    }

    // --- interrupts ---

    @Test
    void anInterruptDuringTheDelayStopsRetryingKeepsTheFlagAndRethrowsTheLastFailure() {
        IOException failure = new IOException();
        Script body = Script.of(failure, "never reached");
        Clock interruptedSleep = new Clock() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        RetryStrategy<Object> s = new RetryStrategy<>(Invocation::proceed, METHOD,
                retry().delay(ofMillis(100)).build(), interruptedSleep, listener);

        IOException thrown = assertThrows(IOException.class, () -> s.call(body));

        assertSame(failure, thrown);
        assertEquals(1, body.calls());
        assertTrue(Thread.interrupted(), "the interrupt flag is kept");
        assertEquals(List.of(), listener.events(RetriesExhausted.class));
    }

    @Test
    void anInterruptArrivingBeforeTheDelayStopsRetryingAtOnce() {
        // The listener runs just before the delay: an interrupt there makes the (manual) sleep throw.
        IOException failure = new IOException();
        Script body = Script.of(failure, "never reached");
        EngineListener interrupter = new EngineListener() {
            @Override
            public void retryScheduled(String method, int attempt, Throwable f, Duration delay) {
                Thread.currentThread().interrupt();
            }
        };
        RetryStrategy<Object> s = new RetryStrategy<>(Invocation::proceed, METHOD,
                retry().delay(ofMillis(100)).build(), clock, interrupter);

        assertSame(failure, assertThrows(IOException.class, () -> s.call(body)));
        assertEquals(1, body.calls());
        assertEquals(List.of(), clock.sleeps());
        assertTrue(Thread.interrupted(), "the interrupt flag is kept");
    }

    @Test
    void aBodyThatLeavesTheThreadInterruptedIsNotRetried() {
        IOException failure = new IOException();
        Script body = Script.spending(() -> Thread.currentThread().interrupt(), failure, "never reached");

        assertSame(failure, assertThrows(IOException.class, () -> strategy(retry()).call(body)));
        assertEquals(1, body.calls());
        assertTrue(Thread.interrupted(), "the interrupt flag is kept");
    }

    @Test
    void aBodyInterruptedWhileBlockedStopsRetryingAndTheInterruptIsKept() {
        // Throwing InterruptedException clears the flag; the retry must not swallow the interrupt and go on.
        InterruptedException interrupted = new InterruptedException();
        Script body = Script.of(interrupted, "never reached");

        assertSame(interrupted,
                assertThrows(InterruptedException.class, () -> strategy(retry().delay(ofMillis(100))).call(body)));
        assertEquals(1, body.calls());
        assertEquals(List.of(), clock.sleeps());
        assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    }

    // --- listener ---

    @Test
    void theListenerHearsEachScheduledRetryAndTheExhaustion() {
        List<IOException> f = failures(3);
        Script body = Script.of(f.toArray());

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(retry().maxRetries(2).delay(ofMillis(100))).call(body));

        assertEquals(List.of(new RetryScheduled(METHOD, 1, f.get(0), ofMillis(100)),
                new RetryScheduled(METHOD, 2, f.get(1), ofMillis(100)),
                new RetriesExhausted(METHOD, e)), listener.events());
    }

    @Test
    void theListenerHearsARejectedResultAsARetryWithoutFailure() throws Exception {
        Script body = Script.of(503, 200);

        strategy(retry().retryOnResult(r -> Integer.valueOf(503).equals(r))).call(body);

        assertEquals(List.of(new RetryScheduled(METHOD, 1, null, Duration.ZERO)), listener.events());
    }

    // --- construction and sharing ---

    @Test
    void constructorRejectsMissingCollaborators() {
        RetryPolicy policy = retry().build();
        Strategy<Object> next = Invocation::proceed;
        assertThrows(NullPointerException.class, () -> new RetryStrategy<>(null, METHOD, policy, clock, listener));
        assertThrows(NullPointerException.class, () -> new RetryStrategy<>(next, null, policy, clock, listener));
        assertThrows(NullPointerException.class, () -> new RetryStrategy<>(next, METHOD, null, clock, listener));
        assertThrows(NullPointerException.class, () -> new RetryStrategy<>(next, METHOD, policy, null, listener));
        assertThrows(NullPointerException.class, () -> new RetryStrategy<>(next, METHOD, policy, clock, null));
    }

    @Test
    void policyRejectsValuesOutsideTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> retry().maxRetries(-2).build());
        assertThrows(IllegalArgumentException.class, () -> retry().delay(ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> retry().jitter(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> retry().jitter(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> retry().factor(0.5).build());
        assertThrows(IllegalArgumentException.class, () -> retry().factor(Double.NaN).build());
    }

    @Test
    void oneInstanceServesConcurrentCallsIndependently() throws Exception {
        int threads = 8;
        RetryStrategy<Object> s = new RetryStrategy<>(Invocation::proceed, METHOD, retry().maxRetries(3).build(),
                clock, EngineListener.NONE);
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Object>> results = new ArrayList<>();
            List<Script> bodies = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String value = "caller " + t;
                Script body = Script.of(new IOException(), new IOException(), value);
                bodies.add(body);
                results.add(pool.submit(() -> {
                    start.await();
                    return s.call(body);
                }));
            }
            for (int t = 0; t < threads; t++) {
                assertEquals("caller " + t, results.get(t).get(10, TimeUnit.SECONDS));
                assertEquals(3, bodies.get(t).calls());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- fixtures ---

    /** An upstream failure that says when to come back, like an HTTP 503 with Retry-After. */
    static final class Unavailable extends IOException implements RetryAfterHint {

        private static final long serialVersionUID = 1L;
        private final transient Duration after;

        Unavailable(Duration after) {
            super("503 Service Unavailable");
            this.after = after;
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(after);
        }
    }

    static final class Boom extends Error {

        private static final long serialVersionUID = 1L;
    }
}
