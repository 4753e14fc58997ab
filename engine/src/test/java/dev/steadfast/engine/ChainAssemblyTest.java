package dev.steadfast.engine;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.RateLimitType;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.ChainAssembly.Layer;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.time.TimeSource;
import dev.steadfast.engine.timeout.TimeoutPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one place that orders the policies, and what a front end can add to it. */
class ChainAssemblyTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final Engine engine = new Engine(clock, timer, () -> Runnable::run, EngineListener.NONE,
            ThreadContext.NONE, () -> { });

    /** Every policy there is; staged and asynchronous when asked. */
    private static GuardPolicy everything(boolean staged) {
        return GuardPolicy.builder(METHOD).returnsStage(staged).asynchronous(staged)
                .fallback(new FallbackPolicy(List.of((invocation, failure) -> "fallback"), ExceptionMatcher.all()))
                .retry(RetryPolicy.builder().maxRetries(1).build())
                .breaker(METHOD, BreakerPolicy.defaults())
                .rateLimit(new RateLimitPolicy(100, Duration.ofSeconds(1).toNanos(), 0, RateLimitType.FIXED))
                .timeout(new TimeoutPolicy(Duration.ofSeconds(1).toNanos()))
                .bulkhead(new BulkheadPolicy(10, 10, 0))
                .build();
    }

    @Test
    void theLayersAreDeclaredOutermostFirstInTheOrderOfTheReference() {
        assertEquals(List.of(Layer.FALLBACK, Layer.RETRY, Layer.CIRCUIT_BREAKER, Layer.RATE_LIMIT, Layer.TIMEOUT,
                Layer.BULKHEAD, Layer.ADAPTIVE_BULKHEAD, Layer.ASYNC_OFFLOAD), List.of(Layer.values()));
    }

    @Test
    void hooksSeeEveryPresentLayerFromTheInnermostOutBothForPlainAndForStagedChains() {
        Recording sync = new Recording();
        Recording staged = new Recording();

        engine.build(everything(false), sync);
        engine.build(everything(true), staged);

        assertEquals(List.of("inside BULKHEAD", "outside BULKHEAD", "inside TIMEOUT", "outside TIMEOUT",
                "inside RATE_LIMIT", "outside RATE_LIMIT", "inside CIRCUIT_BREAKER", "outside CIRCUIT_BREAKER",
                "inside RETRY", "outside RETRY", "inside FALLBACK", "outside FALLBACK"), sync.calls);
        assertEquals(List.of("inside ASYNC_OFFLOAD", "outside ASYNC_OFFLOAD", "inside BULKHEAD", "outside BULKHEAD",
                "inside TIMEOUT", "outside TIMEOUT", "inside RATE_LIMIT", "outside RATE_LIMIT",
                "inside CIRCUIT_BREAKER", "outside CIRCUIT_BREAKER", "inside RETRY", "outside RETRY",
                "inside FALLBACK", "outside FALLBACK"), staged.calls);
    }

    @Test
    void anAbsentPolicyHasNoLayerAndNoHookCall() {
        Recording hooks = new Recording();

        engine.build(GuardPolicy.builder(METHOD).timeout(new TimeoutPolicy(1_000)).build(), hooks);

        assertEquals(List.of("inside TIMEOUT", "outside TIMEOUT"), hooks.calls);
    }

    @Test
    void whatAHookPutsOutsideALayerIsWhatTheOuterLayersSee() throws Exception {
        List<Throwable> retriedOn = new ArrayList<>();
        // Outside the timeout, a front end maps the engine's exception to its own type; the retry outside it retries
        // only that type, so it retries at all only if the mapping sits between the two.
        ChainAssembly.Hooks mapping = new ChainAssembly.Hooks() {
            @Override
            public Strategy<Object> outside(Layer layer, Strategy<Object> built) {
                if (layer != Layer.TIMEOUT) {
                    return built;
                }
                return invocation -> {
                    try {
                        return built.call(invocation);
                    } catch (TimeoutExceededException e) {
                        retriedOn.add(e);
                        throw new MappedTimeout();
                    }
                };
            }
        };
        Strategy<Object> chain = engine.build(GuardPolicy.builder(METHOD)
                .retry(RetryPolicy.builder().maxRetries(1).maxDuration(Duration.ZERO)
                        .retryOn(List.of(MappedTimeout.class)).build())
                .timeout(new TimeoutPolicy(Duration.ofSeconds(1).toNanos()))
                .build(), mapping);

        assertThrows(dev.steadfast.RetryExhaustedException.class, () -> chain.call(() -> {
            clock.advance(Duration.ofSeconds(2));
            return "late";
        }));
        assertEquals(2, retriedOn.size(), "both attempts timed out and were mapped");
    }

    @Test
    void aHookedBulkheadIsRebuiltByResetUnderAnEngineHook() throws Exception {
        Engine hooked;
        try (EngineHooks.Installation i = EngineHooks.install(new EngineHook() {
            @Override
            public TimeSource time() {
                return new TimeSource(clock, timer);
            }

            @Override
            public void created(Engine engine) {
            }

            @Override
            public void closed(Engine engine) {
            }
        })) {
            hooked = Engine.create(EngineListener.NONE);
        }
        try {
            Strategy<Object> chain = hooked.build(GuardPolicy.builder(METHOD)
                    .bulkhead(new BulkheadPolicy(1, 0, 0)).build(), new Recording());
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                try {
                    chain.call(() -> {
                        entered.countDown();
                        return release.await(10, TimeUnit.SECONDS);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            holder.start();
            try {
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                assertThrows(BulkheadFullException.class, () -> chain.call(() -> "rejected"));

                hooked.reset();

                assertEquals("admitted", chain.call(() -> "admitted"));
            } finally {
                release.countDown();
                holder.join(TimeUnit.SECONDS.toMillis(10));
            }
        } finally {
            hooked.close();
        }
    }

    /** Remembers which hooks were asked for, in order; adds nothing. */
    private static final class Recording implements ChainAssembly.Hooks {

        final List<String> calls = new ArrayList<>();

        @Override
        public Strategy<Object> inside(Layer layer, Strategy<Object> inner) {
            calls.add("inside " + layer);
            return inner;
        }

        @Override
        public Strategy<Object> outside(Layer layer, Strategy<Object> built) {
            calls.add("outside " + layer);
            return built;
        }

        @Override
        public Strategy<CompletionStage<Object>> insideStaged(Layer layer, Strategy<CompletionStage<Object>> inner) {
            calls.add("inside " + layer);
            return inner;
        }

        @Override
        public Strategy<CompletionStage<Object>> outsideStaged(Layer layer,
                Strategy<CompletionStage<Object>> built) {
            calls.add("outside " + layer);
            return built;
        }
    }

    /** A front end's own timeout type. */
    private static final class MappedTimeout extends RuntimeException {
    }
}
