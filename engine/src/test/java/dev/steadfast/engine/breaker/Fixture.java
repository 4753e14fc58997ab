package dev.steadfast.engine.breaker;

import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A manual clock and timer, a recording listener, and short ways to build breakers and make calls. */
class Fixture {

    static final String NAME = "payments";
    static final String METHOD = "com.acme.Payments#charge(String)";
    static final long DELAY = Duration.ofSeconds(5).toNanos();

    final ManualClock clock = new ManualClock();
    final ManualTimer timer = new ManualTimer(clock);
    final RecordingListener events = new RecordingListener();
    /** Times the guarded body ran. */
    final AtomicInteger bodyRuns = new AtomicInteger();

    static BreakerPolicy policy(int window, double ratio) {
        return policy(window, ratio, 1, 1);
    }

    static BreakerPolicy policy(int window, double ratio, int successThreshold, int halfOpenMaxCalls) {
        return BreakerPolicy.builder().requestVolumeThreshold(window).failureRatio(ratio).delay(Duration.ofNanos(DELAY))
                .successThreshold(successThreshold).halfOpenMaxCalls(halfOpenMaxCalls).build();
    }

    Breaker breaker(BreakerPolicy policy) {
        return new Breaker(NAME, policy, clock, timer, events);
    }

    <V> Strategy<V> sync(Breaker breaker) {
        return sync(breaker, METHOD);
    }

    <V> Strategy<V> sync(Breaker breaker, String method) {
        return new CircuitBreakerStrategy<>(Invocation::proceed, method, breaker, clock, events);
    }

    <V> Strategy<CompletionStage<V>> async(Breaker breaker) {
        return new AsyncCircuitBreakerStrategy<>(Invocation::proceed, METHOD, breaker, clock, events);
    }

    /** One call whose body returns normally. */
    void succeed(Strategy<String> s) throws Exception {
        assertEquals("ok", s.call(() -> {
            bodyRuns.incrementAndGet();
            return "ok";
        }));
    }

    /** One call whose body throws an {@link IOException}, which reaches the caller unchanged. */
    void fail(Strategy<String> s) {
        IOException failure = new IOException("connection refused");
        IOException thrown = assertThrows(IOException.class, () -> s.call(() -> {
            bodyRuns.incrementAndGet();
            throw failure;
        }));
        assertSame(failure, thrown);
    }

    void fail(Strategy<String> s, int times) {
        for (int i = 0; i < times; i++) {
            fail(s);
        }
    }

    void succeed(Strategy<String> s, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            succeed(s);
        }
    }
}
