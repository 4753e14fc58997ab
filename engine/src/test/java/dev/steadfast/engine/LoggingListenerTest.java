package dev.steadfast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitState;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.LoggingListener.Settings;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class LoggingListenerTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";

    private final ManualClock clock = new ManualClock();

    record Line(Level level, String message) {
    }

    /** A {@link System.Logger} that keeps what it is given, enabled from {@code threshold} up. */
    static final class CapturingLogger implements System.Logger {

        final List<Line> lines = new CopyOnWriteArrayList<>();
        private final Level threshold;

        CapturingLogger(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public String getName() {
            return "dev.steadfast";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(new Line(level, msg));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(new Line(level, format));
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            lines.add(new Line(level, msgSupplier.get()));
        }
    }

    private LoggingListener listener(CapturingLogger log) {
        return new LoggingListener(log, Settings.DEFAULTS, clock);
    }

    private static RetryExhaustedException exhausted(Throwable cause) {
        return new RetryExhaustedException("Retries exhausted for " + METHOD + " after 4 attempts in 2 s", cause, 4,
                Duration.ofSeconds(2), null);
    }

    @Test
    void logsARetryAtDebugNamingTheMethodTheAttemptTheFailuresTypeAndTheDelay() {
        CapturingLogger log = new CapturingLogger(Level.ALL);

        listener(log).retryScheduled(METHOD, 2, new IOException("connection reset"), Duration.ofMillis(250));

        assertEquals(1, log.lines.size());
        Line line = log.lines.get(0);
        assertEquals(Level.DEBUG, line.level());
        assertTrue(line.message().contains(METHOD), line.message());
        assertTrue(line.message().contains("attempt 2"), line.message());
        assertTrue(line.message().contains("java.io.IOException"), line.message());
        assertFalse(line.message().contains("connection reset"), line.message());
        assertTrue(line.message().contains("250 ms"), line.message());
    }

    @Test
    void namesFailuresWithTheirMessagesOnlyWhenAskedTo() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener l = new LoggingListener(log, new Settings(Duration.ofSeconds(10), true), clock);

        l.retryScheduled(METHOD, 1, new IOException("connection reset"), Duration.ZERO);
        l.retriesExhausted(METHOD, exhausted(new IOException("connection reset")));

        assertTrue(log.lines.get(0).message().contains("java.io.IOException: connection reset"));
        assertTrue(log.lines.get(1).message().contains("java.io.IOException: connection reset"));
    }

    @Test
    void logsExhaustedRetriesAtWarningWithTheLastFailuresType() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        RetryExhaustedException e = exhausted(new IOException("password=hunter2"));

        listener(log).retriesExhausted(METHOD, e);

        assertEquals(List.of(new Line(Level.WARNING, e.getMessage() + "; last failure java.io.IOException")),
                log.lines);
    }

    @Test
    void logsExhaustedRetriesOncePerMethodPerIntervalThenCountsTheOthers() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener l = listener(log);

        for (int i = 0; i < 5; i++) {
            l.retriesExhausted(METHOD, exhausted(new IOException()));
            l.retriesExhausted("com.acme.Other#call()", exhausted(new IOException()));
        }
        assertEquals(2, log.lines.size(), "one line per method");

        clock.advance(Duration.ofSeconds(9));
        l.retriesExhausted(METHOD, exhausted(new IOException()));
        assertEquals(2, log.lines.size(), "still within the interval");

        clock.advance(Duration.ofSeconds(1));
        l.retriesExhausted(METHOD, exhausted(new IOException()));
        assertEquals(3, log.lines.size());
        assertTrue(log.lines.get(2).message().endsWith("(5 more like this since the last such line, not logged)"),
                log.lines.get(2).message());
    }

    @Test
    void logsACircuitOpeningAtWarningClosingAtInfoAndHalfOpenAtDebug() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener l = listener(log);

        l.stateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN, Instant.EPOCH);
        l.stateChanged("payments", CircuitState.OPEN, CircuitState.HALF_OPEN, Instant.EPOCH);
        l.stateChanged("payments", CircuitState.HALF_OPEN, CircuitState.CLOSED, Instant.EPOCH);

        assertEquals(List.of(Level.WARNING, Level.DEBUG, Level.INFO), log.lines.stream().map(Line::level).toList());
        assertTrue(log.lines.get(0).message().contains("'payments'"));
    }

    @Test
    void logsAFlappingCircuitsOpeningsAndClosingsOncePerIntervalEach() {
        CapturingLogger log = new CapturingLogger(Level.INFO);
        LoggingListener l = listener(log);

        for (int i = 0; i < 100; i++) {
            l.stateChanged("payments", CircuitState.HALF_OPEN, CircuitState.OPEN, Instant.EPOCH);
            l.stateChanged("payments", CircuitState.OPEN, CircuitState.HALF_OPEN, Instant.EPOCH);
            l.stateChanged("payments", CircuitState.HALF_OPEN, CircuitState.CLOSED, Instant.EPOCH);
        }
        assertEquals(List.of(Level.WARNING, Level.INFO), log.lines.stream().map(Line::level).toList());

        clock.advance(Duration.ofSeconds(10));
        l.stateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN, Instant.EPOCH);
        assertTrue(log.lines.get(2).message().contains("99 more"), log.lines.get(2).message());
    }

    @Test
    void aZeroIntervalLogsEveryLine() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener l = new LoggingListener(log, new Settings(Duration.ZERO, false), clock);

        for (int i = 0; i < 3; i++) {
            l.retriesExhausted(METHOD, exhausted(new IOException()));
        }

        assertEquals(3, log.lines.size());
    }

    @Test
    void logsNothingBelowTheEnabledLevel() {
        CapturingLogger log = new CapturingLogger(Level.ERROR);
        LoggingListener l = listener(log);

        l.retryScheduled(METHOD, 1, null, Duration.ZERO);
        l.timedOut(METHOD, Duration.ofSeconds(1));
        l.fallbackApplied(new FallbackApplied(METHOD, new IOException(), "cached", 1, Duration.ZERO));
        l.retriesExhausted(METHOD, new RetryExhaustedException("x", null, 1, Duration.ZERO, 1));
        l.stateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN, Instant.EPOCH);

        assertEquals(List.of(), log.lines);
    }

    @Test
    void logsADegradedAnswerAtInfoOncePerMethodPerIntervalWithTheCountHeldBack() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener l = listener(log);
        FallbackApplied fetch = new FallbackApplied(METHOD, new IOException("password=hunter2"), "cachedQuote", 1,
                Duration.ofMillis(20));
        FallbackApplied other = new FallbackApplied("com.acme.Other#call()", new IOException(), "fallback-1", 1,
                Duration.ZERO);

        for (int i = 0; i < 4; i++) {
            l.fallbackApplied(fetch);
            l.fallbackApplied(other);
        }
        assertEquals(List.of(new Line(Level.INFO, "Degraded answer from " + METHOD + ": fallback cachedQuote answered"
                        + " after java.io.IOException"),
                new Line(Level.INFO, "Degraded answer from com.acme.Other#call(): fallback fallback-1 answered after"
                        + " java.io.IOException")), log.lines, "one line per method, the failure by type only");

        clock.advance(Duration.ofSeconds(10));
        l.fallbackApplied(fetch);

        assertEquals(new Line(Level.INFO, "Degraded answer from " + METHOD + ": fallback cachedQuote answered after"
                + " java.io.IOException (3 more like this since the last such line, not logged)"), log.lines.get(2));
    }

    @Test
    void describesARejectedResultInsteadOfANullFailure() {
        CapturingLogger log = new CapturingLogger(Level.ALL);

        listener(log).retryScheduled(METHOD, 1, null, Duration.ofMillis(10));

        assertTrue(log.lines.get(0).message().contains("rejected by retryOnResult"), log.lines.get(0).message());
    }

    @Test
    void anEngineGivesItsListenerItsOwnClock() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener onTheRealClock = new LoggingListener(log);
        ManualClock engineClock = new ManualClock();
        Engine engine = new Engine(engineClock, new ManualTimer(engineClock), () -> Runnable::run,
                Listeners.of(List.of(onTheRealClock)), ThreadContext.NONE, () -> { });

        engine.listener().retriesExhausted(METHOD, exhausted(new IOException()));
        engine.listener().retriesExhausted(METHOD, exhausted(new IOException()));
        engineClock.advance(Duration.ofSeconds(10));
        engine.listener().retriesExhausted(METHOD, exhausted(new IOException()));

        assertEquals(2, log.lines.size(), "ten seconds of the engine's clock passed, not of the real one");
        assertSame(onTheRealClock, onTheRealClock.onClock(SystemClockHolder.clock()));
    }

    /** The real clock, as the listener's default. */
    private static final class SystemClockHolder {
        static dev.steadfast.engine.time.Clock clock() {
            return dev.steadfast.engine.time.SystemClock.INSTANCE;
        }
    }
}
