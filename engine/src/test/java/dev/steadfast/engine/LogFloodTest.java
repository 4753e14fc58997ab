package dev.steadfast.engine;

import dev.steadfast.engine.LoggingListenerTest.CapturingLogger;
import dev.steadfast.engine.LoggingListenerTest.Line;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1000 failing calls, whose failure carries a secret in its message, through chains built by an engine that logs
 * with the default settings: the log gets a bounded number of lines, and none carries the secret.
 */
class LogFloodTest {

    private static final String METHOD = "com.acme.Accounts#login(String)";
    private static final String SECRET = "password=hunter2";

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);

    private Strategy<Object> chain(CapturingLogger log, GuardPolicy policy) {
        Engine engine = new Engine(clock, timer, () -> Runnable::run, new LoggingListener(log), ThreadContext.NONE,
                () -> { });
        return engine.build(policy);
    }

    private static RetryPolicy threeRetries() {
        return RetryPolicy.builder().maxRetries(3).maxDuration(Duration.ZERO).retryOn(List.of(Throwable.class)).build();
    }

    private static void failOnce(Strategy<Object> s) {
        assertThrows(Exception.class, () -> s.call(() -> {
            throw new IOException("login refused for " + SECRET);
        }));
    }

    @Test
    void aThousandExhaustedRetriesLogOneWarningPerIntervalWithTheCountOfTheOthers() {
        CapturingLogger log = new CapturingLogger(Level.INFO);
        Strategy<Object> s = chain(log, GuardPolicy.builder(METHOD).retry(threeRetries()).build());

        for (int i = 0; i < 1000; i++) {
            failOnce(s);
        }
        assertEquals(1, log.lines.size(), () -> "lines: " + log.lines.size() + ", first " + log.lines.get(0));
        assertEquals(Level.WARNING, log.lines.get(0).level());

        clock.advance(Duration.ofSeconds(10));
        failOnce(s);

        assertEquals(2, log.lines.size());
        assertTrue(log.lines.get(1).message().contains("999 more"), log.lines.get(1).message());
        assertTrue(log.lines.get(1).message().contains("java.io.IOException"), log.lines.get(1).message());
    }

    @Test
    void aBreakerOpeningAThousandTimesLogsOneWarningPerInterval() {
        CapturingLogger log = new CapturingLogger(Level.INFO);
        BreakerPolicy flapping = BreakerPolicy.builder().requestVolumeThreshold(1).failureRatio(1.0).delay(Duration.ZERO).build();
        Strategy<Object> s = chain(log, GuardPolicy.builder(METHOD).breaker("accounts", flapping).build());

        for (int i = 0; i < 1000; i++) {
            failOnce(s);
        }

        assertEquals(1, log.lines.size(), () -> log.lines.size() + " lines");
        assertEquals(Level.WARNING, log.lines.get(0).level());
        assertTrue(log.lines.get(0).message().contains("'accounts'"));
    }

    @Test
    void noLineCarriesTheFailuresMessageEvenAtDebug() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        Strategy<Object> s = chain(log, GuardPolicy.builder(METHOD).retry(threeRetries())
                .breaker(METHOD, BreakerPolicy.builder().requestVolumeThreshold(4).failureRatio(1.0).delay(Duration.ZERO)
                        .build()).build());

        for (int i = 0; i < 1000; i++) {
            failOnce(s);
            clock.advance(Duration.ofSeconds(1));
        }

        assertFalse(log.lines.isEmpty());
        for (Line line : log.lines) {
            assertFalse(line.message().contains(SECRET), line.message());
        }
    }
}
