package dev.steadfast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitState;
import dev.steadfast.RetryExhaustedException;

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

    @Test
    void logsARetryAtInfoNamingTheMethodTheAttemptAndTheDelay() {
        CapturingLogger log = new CapturingLogger(Level.ALL);

        new LoggingListener(log).retryScheduled(METHOD, 2, new IOException("connection reset"),
                Duration.ofMillis(250));

        assertEquals(1, log.lines.size());
        Line line = log.lines.get(0);
        assertEquals(Level.INFO, line.level());
        assertTrue(line.message().contains(METHOD), line.message());
        assertTrue(line.message().contains("attempt 2"), line.message());
        assertTrue(line.message().contains("connection reset"), line.message());
        assertTrue(line.message().contains("250 ms"), line.message());
    }

    @Test
    void logsExhaustedRetriesAtWarningWithTheExceptionMessage() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        RetryExhaustedException e = new RetryExhaustedException("Retries exhausted for " + METHOD + " after 4 attempts",
                new IOException(), 4, Duration.ofSeconds(2), null);

        new LoggingListener(log).retriesExhausted(METHOD, e);

        assertEquals(List.of(new Line(Level.WARNING, e.getMessage())), log.lines);
    }

    @Test
    void logsACircuitOpeningAtWarningAndClosingAtInfo() {
        CapturingLogger log = new CapturingLogger(Level.ALL);
        LoggingListener l = new LoggingListener(log);

        l.stateChanged("payments", CircuitState.CLOSED, CircuitState.OPEN, Instant.EPOCH);
        l.stateChanged("payments", CircuitState.HALF_OPEN, CircuitState.CLOSED, Instant.EPOCH);

        assertEquals(Level.WARNING, log.lines.get(0).level());
        assertEquals(Level.INFO, log.lines.get(1).level());
        assertTrue(log.lines.get(0).message().contains("'payments'"));
    }

    @Test
    void logsNothingBelowTheEnabledLevel() {
        CapturingLogger log = new CapturingLogger(Level.ERROR);
        LoggingListener l = new LoggingListener(log);

        l.retryScheduled(METHOD, 1, null, Duration.ZERO);
        l.timedOut(METHOD, Duration.ofSeconds(1));
        l.fallbackApplied(METHOD, new IOException());
        l.retriesExhausted(METHOD, new RetryExhaustedException("x", null, 1, Duration.ZERO, 1));

        assertEquals(List.of(), log.lines);
    }

    @Test
    void describesARejectedResultInsteadOfANullFailure() {
        CapturingLogger log = new CapturingLogger(Level.ALL);

        new LoggingListener(log).retryScheduled(METHOD, 1, null, Duration.ofMillis(10));

        assertTrue(log.lines.get(0).message().contains("rejected by retryOnResult"), log.lines.get(0).message());
    }
}
