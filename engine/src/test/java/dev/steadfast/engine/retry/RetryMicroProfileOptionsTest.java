package dev.steadfast.engine.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.RetriesExhausted;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two options a MicroProfile front end needs: absolute jitter, and the last failure rethrown on exhaustion. */
class RetryMicroProfileOptionsTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();
    private final RecordingListener listener = new RecordingListener();

    private static RetryPolicy policy(int maxRetries, Duration delay, Duration jitter, boolean rethrowLastFailure) {
        return RetryPolicy.builder().maxRetries(maxRetries).delay(delay).maxDuration(Duration.ofMinutes(3))
                .retryOn(List.of(Exception.class)).jitterDelay(jitter).rethrowLastFailure(rethrowLastFailure)
                .build();
    }

    private RetryStrategy<Object> strategy(RetryPolicy policy, DoubleSupplier random) {
        return new RetryStrategy<>(Invocation::proceed, METHOD, policy, clock, listener, random);
    }

    @Test
    void theBuildersDefaultsKeepBothOptionsOff() {
        RetryPolicy p = RetryPolicy.builder().build();
        assertEquals(0, p.jitterNanos());
        assertEquals(false, p.rethrowLastFailure());
    }

    @Test
    void exhaustedRetriesRethrowTheLastFailureAndStillAnnounceTheExhaustion() {
        IOException last = new IOException("failure 3");
        Script body = Script.of(new IOException("failure 1"), new IOException("failure 2"), last);
        IOException thrown = assertThrows(IOException.class,
                () -> strategy(policy(2, Duration.ZERO, Duration.ZERO, true), () -> 0.5).call(body));
        assertSame(last, thrown);
        assertEquals(3, body.calls());
        assertEquals(1, listener.events(RetriesExhausted.class).size());
        assertEquals(3, listener.events(RetriesExhausted.class).get(0).exception().getAttempts());
    }

    @Test
    void withoutTheOptionExhaustionIsWrapped() {
        Script body = Script.of(new IOException("failure"));
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> strategy(policy(1, Duration.ZERO, Duration.ZERO, false), () -> 0.5).call(body));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void absoluteJitterMovesEachDelayByUpToTheJitterEitherWay() throws Exception {
        double[] randoms = {0.0, 1.0, 0.5};
        AtomicInteger next = new AtomicInteger();
        Script body = Script.of(new IOException(), new IOException(), new IOException(), "ok");
        assertEquals("ok", strategy(policy(3, ofMillis(100), ofMillis(40), true),
                () -> randoms[next.getAndIncrement()]).call(body));
        assertEquals(List.of(ofMillis(60), ofMillis(140), ofMillis(100)), clock.sleeps());
    }

    @Test
    void absoluteJitterNeverMakesADelayNegative() throws Exception {
        Script body = Script.of(new IOException(), new IOException(), "ok");
        double[] randoms = {0.0, 1.0};
        AtomicInteger next = new AtomicInteger();
        assertEquals("ok", strategy(policy(3, Duration.ZERO, ofMillis(200), true),
                () -> randoms[next.getAndIncrement()]).call(body));
        assertEquals(List.of(ofMillis(200)), clock.sleeps(), "the first delay is clamped to zero, so not slept");
    }

    @Test
    void anAsynchronousRetryRethrowsTheLastFailureToo() {
        AtomicInteger calls = new AtomicInteger();
        Invocation<CompletionStage<Object>> body = () -> CompletableFuture.failedFuture(
                new IOException("failure " + calls.incrementAndGet()));
        AsyncRetryStrategy<Object> retry = new AsyncRetryStrategy<>(Invocation::proceed, METHOD,
                policy(2, Duration.ZERO, Duration.ZERO, true), clock, new ManualTimer(clock), Runnable::run,
                listener, () -> 0.5);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> retry.call(body).toCompletableFuture().get());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals("failure 3", e.getCause().getMessage());
    }
}
