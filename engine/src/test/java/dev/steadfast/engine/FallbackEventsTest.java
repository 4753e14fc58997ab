package dev.steadfast.engine;

import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a chain built by the engine announces a fallback's answer: the listeners and the observers hear one
 * {@link FallbackApplied}, and its elapsed time is measured only when someone shows it, so a fallback nobody watches
 * costs no clock reading on the happy path (docs/degradation.md).
 */
class FallbackEventsTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    /** Counts the readings of the engine's clock, to see what the happy path reads. */
    private static final class CountingClock implements Clock {

        final ManualClock clock = new ManualClock();
        final AtomicInteger readings = new AtomicInteger();

        @Override
        public long nanoTime() {
            readings.incrementAndGet();
            return clock.nanoTime();
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            clock.sleep(nanos);
        }
    }

    /** Hears fallbacks, and asks for them to be timed or not. */
    private static final class Hearing implements EngineListener {

        final List<FallbackApplied> heard = new CopyOnWriteArrayList<>();
        final boolean times;

        Hearing(boolean times) {
            this.times = times;
        }

        @Override
        public void fallbackApplied(FallbackApplied event) {
            heard.add(event);
        }

        @Override
        public boolean timesFallbacks() {
            return times;
        }
    }

    private final CountingClock clock = new CountingClock();

    private Engine engine(EngineListener listener) {
        return new Engine(clock, new ManualTimer(clock.clock), () -> Runnable::run, listener, ThreadContext.NONE,
                () -> { });
    }

    private static GuardPolicy policy(boolean flags, boolean stage) {
        FallbackFunction<Object> cached = stage ? (i, f) -> CompletableFuture.completedFuture("cached")
                : (i, f) -> "cached";
        return GuardPolicy.builder(METHOD).returnsStage(stage)
                .fallback(new FallbackPolicy(List.of(cached), ExceptionMatcher.all(), List.of("cachedQuote"), flags))
                .build();
    }

    private Invocation<Object> failingAfter(Duration took) {
        return () -> {
            clock.clock.advance(took);
            throw new IOException("down");
        };
    }

    @Test
    void aListenerThatShowsTheEventMakesTheChainTimeEveryCall() throws Exception {
        Hearing hearing = new Hearing(true);
        Strategy<Object> chain = engine(hearing).build(policy(false, false));

        assertEquals("cached", chain.call(failingAfter(Duration.ofMillis(750))));

        assertEquals(Duration.ofMillis(750), hearing.heard.get(0).elapsed());
        assertEquals("cachedQuote", hearing.heard.get(0).fallback());
    }

    @Test
    void withNobodyShowingTheEventTheHappyPathReadsNoClock() throws Exception {
        Hearing hearing = new Hearing(false);
        Strategy<Object> chain = engine(Listeners.of(List.of(hearing, new LoggingListener()))).build(
                policy(false, false));
        int before = clock.readings.get();

        assertEquals("live", chain.call(() -> "live"));
        assertEquals(before, clock.readings.get(), "no clock reading for a fresh answer");

        chain.call(failingAfter(Duration.ofSeconds(1)));
        assertEquals(Duration.ZERO, hearing.heard.get(0).elapsed(), "logging needs no time");
    }

    @Test
    void anOperationDeclaringDegradedAnswersIsTimedAndFlagged() throws Exception {
        Hearing hearing = new Hearing(false);
        Strategy<Object> chain = engine(hearing).build(policy(true, false));

        Degraded<?> d = assertInstanceOf(Degraded.class, chain.call(failingAfter(Duration.ofMillis(120))));

        assertEquals(Duration.ofMillis(120), d.reason().orElseThrow().elapsed());
        assertEquals(hearing.heard, List.of(d.reason().orElseThrow()));
    }

    @Test
    void anObservedOperationTimesFromTheObserversOwnStartAndItsRecorderHearsTheEvent() throws Exception {
        Hearing hearing = new Hearing(false);
        Engine engine = engine(hearing);
        List<Object> recorded = new CopyOnWriteArrayList<>();
        engine.observe(List.of(new GuardObserver() {
            @Override
            public GuardRecorder observeOperation(GuardedOperation operation) {
                return new GuardRecorder() {
                    @Override
                    public void completed(CallOutcome outcome, long durationNanos) {
                        recorded.add(outcome);
                    }

                    @Override
                    public void fallbackApplied(FallbackApplied event) {
                        recorded.add(event);
                    }
                };
            }
        }));
        Strategy<Object> chain = engine.build(policy(false, false));
        int before = clock.readings.get();

        chain.call(() -> "live");
        assertEquals(before + 2, clock.readings.get(), "the observer's two readings, none more for the fallback");

        chain.call(failingAfter(Duration.ofMillis(90)));

        FallbackApplied event = hearing.heard.get(0);
        assertEquals(Duration.ofMillis(90), event.elapsed());
        assertEquals(List.of(CallOutcome.SUCCESS, event, CallOutcome.FALLBACK), recorded);
    }

    @Test
    void aRecorderOfTheOlderFormHearsTheFailure() throws Exception {
        Engine engine = engine(EngineListener.NONE);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        engine.observe(List.of((GuardObserver) operation -> new GuardRecorder() {
            @Override
            public void completed(CallOutcome outcome, long durationNanos) {
            }

            @Override
            public void fallbackApplied(Throwable failure) {
                failures.add(failure);
            }
        }));

        engine.build(policy(false, false)).call(failingAfter(Duration.ZERO));

        assertEquals(1, failures.size());
        assertInstanceOf(IOException.class, failures.get(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStagedChainAnnouncesAndFlagsToo() throws Exception {
        Hearing hearing = new Hearing(true);
        Strategy<Object> chain = engine(hearing).build(policy(true, true));

        CompletionStage<Object> stage = (CompletionStage<Object>) chain.call(() -> {
            clock.clock.advance(Duration.ofMillis(5));
            return CompletableFuture.failedFuture(new IOException("down"));
        });

        Degraded<?> d = assertInstanceOf(Degraded.class, stage.toCompletableFuture().get());
        assertEquals(Duration.ofMillis(5), d.reason().orElseThrow().elapsed());
        assertTrue(d.isDegraded());
        assertEquals(1, hearing.heard.size());
    }

    @Test
    void aListOfListenersTimesWhenAnyOfThemAsks() {
        assertTrue(Listeners.of(List.of(new Hearing(false), new Hearing(true))).timesFallbacks());
        assertEquals(false, Listeners.of(List.of(new Hearing(false), new LoggingListener())).timesFallbacks());
    }
}
