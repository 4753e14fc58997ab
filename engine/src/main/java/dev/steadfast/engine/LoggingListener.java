package dev.steadfast.engine;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.internal.TimeFormat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

/**
 * Logs what the engine announces through {@code System.Logger} (logger {@code dev.steadfast}), so no logging library
 * is required: retries at INFO, exhausted retries and circuits opening at WARNING, other state changes at INFO,
 * timeouts, fallbacks and rejections at DEBUG. Messages are built only when the level is enabled.
 */
public final class LoggingListener implements EngineListener {

    private final Logger log;

    public LoggingListener() {
        this(System.getLogger("dev.steadfast"));
    }

    LoggingListener(Logger log) {
        this.log = log;
    }

    @Override
    public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
        if (log.isLoggable(Level.INFO)) {
            String what = failure == null ? "returned a result rejected by retryOnResult" : "failed with " + failure;
            log.log(Level.INFO, "Retrying " + method + ": attempt " + attempt + " " + what + "; next attempt in "
                    + TimeFormat.format(delay));
        }
    }

    @Override
    public void retriesExhausted(String method, RetryExhaustedException exception) {
        if (log.isLoggable(Level.WARNING)) {
            log.log(Level.WARNING, exception.getMessage());
        }
    }

    @Override
    public void timedOut(String method, Duration timeout) {
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, method + " timed out after " + TimeFormat.format(timeout));
        }
    }

    @Override
    public void fallbackApplied(String method, Throwable failure) {
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, "Fallback answered for " + method + " after " + failure);
        }
    }

    @Override
    public void callRejected(String method, CallRejected.Reason reason) {
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, "Rejected a call of " + method + ": " + reason);
        }
    }

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        stateChanged(name, from, to, at, CircuitStateChanged.LOCAL);
    }

    /** A change a fleet member decided says so: {@code ... to OPEN, decided by fleet member node-2}. */
    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
        Level level = to == CircuitState.OPEN || to == CircuitState.FORCED_OPEN ? Level.WARNING : Level.INFO;
        if (log.isLoggable(level)) {
            log.log(level, "Circuit '" + name + "' went from " + from + " to " + to
                    + (CircuitStateChanged.LOCAL.equals(origin) ? "" : ", decided by fleet member " + origin));
        }
    }
}
