package dev.steadfast.engine;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.internal.TimeFormat;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Logs what the engine announces through {@code System.Logger} (logger {@code dev.steadfast}), so no logging library
 * is required. What an operator needs without flooding the log:
 * <ul>
 * <li>exhausted retries and a circuit opening (or forced open) at WARNING, at most once per method (or breaker) per
 *     {@linkplain Settings#interval() interval}; the next line let through says how many were held back;</li>
 * <li>a circuit closing at INFO, at most once per breaker per interval likewise;</li>
 * <li>a degraded answer (a fallback answered) at INFO, at most once per method per interval, with the count of the
 *     ones held back likewise;</li>
 * <li>each retry, a circuit going HALF_OPEN, timeouts and rejections at DEBUG, not limited.</li>
 * </ul>
 * A failure is named by its class, never by its message (which may carry a password, a query or a customer's data),
 * unless {@link Settings#failureMessages()} says otherwise. Messages are built only when their level is enabled and
 * the line is let through.
 */
public final class LoggingListener implements EngineListener {

    /**
     * How the listener logs.
     *
     * @param interval        least time between two WARNING lines of one method or breaker (and two INFO lines of one
     *                        breaker closing, or of one method's degraded answers); {@link Duration#ZERO} logs every
     *                        one
     * @param failureMessages name failures with their message ({@code Throwable.toString()}) instead of their class
     *                        alone
     */
    public record Settings(Duration interval, boolean failureMessages) {

        /** Ten seconds, failures by class only: what programmatic guards without a container get. */
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), false);

        public Settings {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative: " + interval);
            }
        }
    }

    private final Logger log;
    private final Settings settings;
    private final Clock clock;
    private final Throttle exhausted;
    private final Throttle opened;
    private final Throttle closed;
    private final Throttle degraded;

    /** With {@link Settings#DEFAULTS}. */
    public LoggingListener() {
        this(Settings.DEFAULTS);
    }

    /** On the real clock until an engine {@linkplain #onClock gives it its own}. */
    public LoggingListener(Settings settings) {
        this(System.getLogger("dev.steadfast"), settings, SystemClock.INSTANCE);
    }

    /** With {@link Settings#DEFAULTS}, logging to {@code log}: for tests. */
    LoggingListener(Logger log) {
        this(log, Settings.DEFAULTS, SystemClock.INSTANCE);
    }

    LoggingListener(Logger log, Settings settings, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.exhausted = new Throttle(clock, settings.interval());
        this.opened = new Throttle(clock, settings.interval());
        this.closed = new Throttle(clock, settings.interval());
        this.degraded = new Throttle(clock, settings.interval());
    }

    /** The same listener, limited by the engine's clock. */
    @Override
    public EngineListener onClock(Clock engineClock) {
        return engineClock == clock ? this : new LoggingListener(log, settings, engineClock);
    }

    @Override
    public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
        if (log.isLoggable(Level.DEBUG)) {
            String what = failure == null ? "returned a result rejected by retryOnResult"
                    : "failed with " + describe(failure);
            log.log(Level.DEBUG, "Retrying " + method + ": attempt " + attempt + " " + what + "; next attempt in "
                    + TimeFormat.format(delay));
        }
    }

    @Override
    public void retriesExhausted(String method, RetryExhaustedException exception) {
        if (!log.isLoggable(Level.WARNING)) {
            return;
        }
        long held = exhausted.admit(method);
        if (held >= 0) {
            Throwable last = exception.getCause();
            // The exception's own message is Steadfast's: method, attempts, time; never the failure's message.
            log.log(Level.WARNING, exception.getMessage() + (last == null ? "" : "; last failure " + describe(last))
                    + held(held));
        }
    }

    @Override
    public void timedOut(String method, Duration timeout) {
        if (log.isLoggable(Level.DEBUG)) {
            log.log(Level.DEBUG, method + " timed out after " + TimeFormat.format(timeout));
        }
    }

    /** Never silently degrade: a fallback's answer is logged at INFO, at most once per method per interval. */
    @Override
    public void fallbackApplied(FallbackApplied event) {
        if (!log.isLoggable(Level.INFO)) {
            return;
        }
        long held = degraded.admit(event.method());
        if (held >= 0) {
            log.log(Level.INFO, "Degraded answer from " + event.method() + ": fallback " + event.fallback()
                    + " answered after " + describe(event.failure()) + held(held));
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
        Level level;
        Throttle throttle;
        switch (to) {
            case OPEN, FORCED_OPEN -> {
                level = Level.WARNING;
                throttle = opened;
            }
            case CLOSED -> {
                level = Level.INFO;
                throttle = closed;
            }
            default -> {
                level = Level.DEBUG;
                throttle = null;
            }
        }
        if (!log.isLoggable(level)) {
            return;
        }
        long held = throttle == null ? 0 : throttle.admit(name);
        if (held >= 0) {
            log.log(level, "Circuit '" + name + "' went from " + from + " to " + to
                    + (CircuitStateChanged.LOCAL.equals(origin) ? "" : ", decided by fleet member " + origin)
                    + held(held));
        }
    }

    /** {@code java.io.IOException}, or with messages switched on, {@code java.io.IOException: connection reset}. */
    private String describe(Throwable failure) {
        return settings.failureMessages() ? failure.toString() : failure.getClass().getName();
    }

    private String held(long held) {
        return held == 0 ? "" : " (" + held + " more like this since the last such line, not logged)";
    }
}
