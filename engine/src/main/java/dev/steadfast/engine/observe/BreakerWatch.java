package dev.steadfast.engine.observe;

import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitState;
import dev.steadfast.engine.breaker.Breaker;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.ObservedBreaker;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One observed circuit breaker: the observers' live view of it, the time it spent open, and its recorders. Created
 * once per breaker, the first time an operation using it is observed.
 */
final class BreakerWatch implements ObservedBreaker {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    /** Open time so far; {@code since} is the clock reading when the current open period began, if open. */
    private record OpenTime(long accumulatedNanos, boolean open, long since) {
    }

    private final Breaker breaker;
    private final Clock clock;
    // Written only by stateChanged. The breaker announces the changes of one breaker one thread at a time, in order,
    // and orders successive announcing threads (see Breaker#announce), so these writes never race each other;
    // volatile publishes them to the readers (gauges).
    private volatile OpenTime openTime;
    private volatile BreakerRecorder[] recorders = new BreakerRecorder[0];

    BreakerWatch(Breaker breaker, Clock clock) {
        this.breaker = breaker;
        this.clock = clock;
        this.openTime = new OpenTime(0, isOpen(breaker.state()), clock.nanoTime());
    }

    /** Whether this watch is of {@code b} (a removed breaker's name may be given to a new one). */
    boolean watches(Breaker b) {
        return breaker == b;
    }

    void recorders(List<BreakerRecorder> list) {
        this.recorders = list.toArray(new BreakerRecorder[0]);
    }

    void stateChanged(CircuitState from, CircuitState to, Instant at, String origin) {
        OpenTime t = openTime;
        boolean open = isOpen(to);
        if (open != t.open) {
            long now = clock.nanoTime();
            openTime = open ? new OpenTime(t.accumulatedNanos, true, now)
                    : new OpenTime(t.accumulatedNanos + Math.max(0, now - t.since), false, 0);
        }
        for (BreakerRecorder r : recorders) {
            try {
                r.stateChanged(from, to, at, origin);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + r + " of circuit '" + breaker.name()
                        + "' failed; the breaker goes on", e);
            }
        }
    }

    @Override
    public String name() {
        return breaker.name();
    }

    @Override
    public CircuitState state() {
        return breaker.state();
    }

    @Override
    public CircuitBreakerStats stats() {
        return breaker.stats();
    }

    @Override
    public Duration timeOpen() {
        OpenTime t = openTime;
        return Duration.ofNanos(t.open ? t.accumulatedNanos + Math.max(0, clock.nanoTime() - t.since)
                : t.accumulatedNanos);
    }

    @Override
    public String toString() {
        return "ObservedBreaker[" + breaker.name() + "]";
    }

    private static boolean isOpen(CircuitState s) {
        return s == CircuitState.OPEN || s == CircuitState.FORCED_OPEN;
    }
}
