package dev.steadfast.engine;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.TimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test seam: {@link EngineHook}s, consulted once by {@link Engine#create}, and {@link Engine#reset()}. */
class EngineHookTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final List<Engine> engines = new ArrayList<>();

    @AfterEach
    void closeEngines() {
        engines.forEach(Engine::close);
    }

    private Engine create() {
        Engine e = Engine.create(EngineListener.NONE, () -> Runnable::run, ThreadContext.NONE);
        engines.add(e);
        return e;
    }

    /** A hook that records what it hears. */
    private static final class Recorder implements EngineHook {

        final TimeSource time;
        final List<String> heard = new ArrayList<>();

        Recorder(TimeSource time) {
            this.time = time;
        }

        @Override
        public TimeSource time() {
            return time;
        }

        @Override
        public synchronized void created(Engine engine) {
            heard.add("created " + System.identityHashCode(engine));
        }

        @Override
        public synchronized void closed(Engine engine) {
            heard.add("closed " + System.identityHashCode(engine));
        }
    }

    @Test
    void withoutAHookTheEngineRunsOnRealTime() {
        assertNull(EngineHooks.current());

        Engine e = create();

        assertSame(SystemClock.INSTANCE, e.clock());
    }

    @Test
    void anEngineCreatedUnderAHookTakesItsClockAndTimerAndIsAnnouncedOnceCreatedAndOnceClosed() {
        ManualClock clock = new ManualClock();
        TimeSource time = TimeSource.manual(clock);
        Recorder hook = new Recorder(time);
        Engine e;
        try (EngineHooks.Installation ignored = EngineHooks.install(hook)) {
            e = create();
        }

        assertSame(clock, e.clock());
        assertSame(time.timer(), e.timer());
        String id = String.valueOf(System.identityHashCode(e));
        assertEquals(List.of("created " + id), hook.heard);

        e.close();
        e.close();

        assertEquals(List.of("created " + id, "closed " + id), hook.heard);
    }

    @Test
    void theStandaloneEngineOfProgrammaticGuardsNeverTakesATestsHook() {
        Recorder hook = new Recorder(TimeSource.manual(new ManualClock()));
        Engine standalone;
        try (EngineHooks.Installation ignored = EngineHooks.install(hook)) {
            standalone = Engines.current(); // possibly created here, on a thread with a hook

            assertSame(hook, EngineHooks.current(), "the hook is back once the engine exists");
        }

        assertSame(SystemClock.INSTANCE, standalone.clock());
        assertEquals(List.of(), hook.heard);
    }

    @Test
    void aHookWithoutATimeSourceKeepsRealTimeButStillSeesTheEngine() {
        Recorder hook = new Recorder(null);
        try (EngineHooks.Installation ignored = EngineHooks.install(hook)) {
            assertSame(SystemClock.INSTANCE, create().clock());
        }
        assertEquals(1, hook.heard.size());
    }

    @Test
    void theHookIsConsultedOnlyWhenTheEngineIsCreated() throws Exception {
        Engine before = create();
        Recorder hook = new Recorder(TimeSource.manual(new ManualClock()));
        try (EngineHooks.Installation ignored = EngineHooks.install(hook)) {
            before.build(GuardPolicy.builder(METHOD).breaker("b", BreakerPolicy.defaults()).build())
                    .call(() -> "ok");
        }
        assertSame(SystemClock.INSTANCE, before.clock());
        assertEquals(List.of(), hook.heard);
    }

    @Test
    void aHookIsInstalledForTheCallingThreadOnly() throws Exception {
        Recorder hook = new Recorder(TimeSource.manual(new ManualClock()));
        AtomicReference<Engine> elsewhere = new AtomicReference<>();
        try (EngineHooks.Installation ignored = EngineHooks.install(hook)) {
            Thread t = new Thread(() -> elsewhere.set(create()));
            t.start();
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertSame(SystemClock.INSTANCE, elsewhere.get().clock());
        assertEquals(List.of(), hook.heard);
    }

    @Test
    void installationsNestAndClosingRestoresThePreviousHook() {
        Recorder outer = new Recorder(null);
        Recorder inner = new Recorder(null);
        EngineHooks.Installation first = EngineHooks.install(outer);
        EngineHooks.Installation second = EngineHooks.install(inner);
        assertSame(inner, EngineHooks.current());

        second.close();
        second.close();

        assertSame(outer, EngineHooks.current(), "closing twice restores once");
        first.close();
        assertNull(EngineHooks.current());
    }

    @Test
    void anInstallationMustBeClosedOnItsOwnThread() throws Exception {
        EngineHooks.Installation i = EngineHooks.install(new Recorder(null));
        try {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    i.close();
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertInstanceOf(IllegalStateException.class, thrown.get());
        } finally {
            i.close();
        }
        assertNull(EngineHooks.current());
    }

    @Test
    void resetClosesEveryBreaker() throws Exception {
        ManualClock clock = new ManualClock();
        Engine e = new Engine(clock, new ManualTimer(clock), () -> Runnable::run, EngineListener.NONE,
                ThreadContext.NONE, () -> { });
        Strategy<Object> s = e.build(GuardPolicy.builder(METHOD)
                .breaker("b", BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0)
                        .delay(Duration.ofSeconds(30)).build())
                .build());
        assertThrows(IOException.class, () -> s.call(() -> {
            throw new IOException("down");
        }));
        assertEquals(OPEN, e.breakers().get("b").state());
        assertThrows(CircuitOpenException.class, () -> s.call(() -> "ok"));

        e.reset();

        assertEquals(CLOSED, e.breakers().get("b").state());
        assertEquals(0, e.breakers().get("b").stats().totalCalls());
        assertEquals("ok", s.call(() -> "ok"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(CLOSED, e.breakers().get("b").state(), "the OPEN state's timer went with it");
    }

    @Test
    void underAHookResetGivesEveryRateLimitAFreshWindow() throws Exception {
        Engine e = hooked();
        Strategy<Object> s = e.build(GuardPolicy.builder(METHOD).rateLimit(oneAnHour()).build());
        assertEquals("ok", s.call(() -> "ok"));
        assertThrows(RateLimitExceededException.class, () -> s.call(() -> "ok"));

        e.reset();

        assertEquals("ok", s.call(() -> "ok"));
        assertThrows(RateLimitExceededException.class, () -> s.call(() -> "ok"));
    }

    @Test
    void withoutAHookResetLeavesRateLimitsAlone() throws Exception {
        ManualClock clock = new ManualClock();
        Engine e = new Engine(clock, new ManualTimer(clock), () -> Runnable::run, EngineListener.NONE,
                ThreadContext.NONE, () -> { });
        Strategy<Object> s = e.build(GuardPolicy.builder(METHOD).rateLimit(oneAnHour()).build());
        assertEquals("ok", s.call(() -> "ok"));

        e.reset();

        assertThrows(RateLimitExceededException.class, () -> s.call(() -> "ok"));
    }

    @Test
    void underAHookResetFreesEveryBulkheadWhileCallsInFlightFinishOnTheOldOne() throws Exception {
        Engine e = hooked();
        Strategy<Object> s = e.build(GuardPolicy.builder(METHOD).returnsStage(true)
                .bulkhead(new BulkheadPolicy(1, 0, 0)).build());
        CompletableFuture<Object> stuck = new CompletableFuture<>();
        CompletionStage<?> first = stage(s, stuck);
        assertBulkheadFull(stage(s, CompletableFuture.completedFuture("second")));

        e.reset();

        CompletableFuture<Object> running = new CompletableFuture<>();
        CompletionStage<?> afterReset = stage(s, running);
        stuck.complete("first");
        assertEquals("first", first.toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertBulkheadFull(stage(s, CompletableFuture.completedFuture("third")));
        running.complete("after reset");
        assertEquals("after reset", afterReset.toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    @Test
    void resetMovesNoBreakerThatIsClosedAndLeavesHalfOpenOnesClosed() throws Exception {
        Engine e = hooked();
        ManualClock clock = (ManualClock) e.clock();
        Strategy<Object> s = e.build(GuardPolicy.builder(METHOD)
                .breaker("b", BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0)
                        .delay(Duration.ofSeconds(1)).build())
                .build());
        assertThrows(IOException.class, () -> s.call(() -> {
            throw new IOException("down");
        }));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(HALF_OPEN, e.breakers().get("b").state());

        e.reset();

        assertEquals(CLOSED, e.breakers().get("b").state());
        assertTrue(e.breakers().get("b").transitions().size() >= 3);
    }

    private Engine hooked() {
        Recorder hook = new Recorder(TimeSource.manual(new ManualClock()));
        try (EngineHooks.Installation ignored = EngineHooks.install(hook)) {
            return create();
        }
    }

    private static RateLimitPolicy oneAnHour() {
        return new RateLimitPolicy(1, Duration.ofHours(1).toNanos(), 0, RateLimitType.FIXED);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CompletionStage<?> stage(Strategy<Object> s, CompletionStage<Object> body) throws Exception {
        Strategy raw = s;
        return (CompletionStage<?>) raw.call(() -> body);
    }

    private static void assertBulkheadFull(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(BulkheadFullException.class, e.getCause());
    }
}
