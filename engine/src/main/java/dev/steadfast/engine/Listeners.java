package dev.steadfast.engine;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.time.Clock;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A fixed list of listeners seen as one. A listener that throws is logged and skipped: an observer never breaks the
 * guarded call. With no listeners, {@link #of} returns {@link EngineListener#NONE}, so announcing costs a call to an
 * empty method.
 */
public final class Listeners implements EngineListener {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final EngineListener[] listeners;

    private Listeners(List<EngineListener> listeners) {
        this.listeners = listeners.toArray(new EngineListener[0]);
    }

    public static EngineListener of(List<EngineListener> listeners) {
        return switch (listeners.size()) {
            case 0 -> NONE;
            default -> new Listeners(List.copyOf(listeners));
        };
    }

    @Override
    public EngineListener onClock(Clock clock) {
        EngineListener[] bound = new EngineListener[listeners.length];
        boolean same = true;
        for (int i = 0; i < listeners.length; i++) {
            bound[i] = listeners[i].onClock(clock);
            same &= bound[i] == listeners[i];
        }
        return same ? this : new Listeners(List.of(bound));
    }

    @Override
    public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
        each(l -> l.retryScheduled(method, attempt, failure, delay));
    }

    @Override
    public void retryRefused(String method, int attempt, String budget) {
        each(l -> l.retryRefused(method, attempt, budget));
    }

    @Override
    public void keyedStateChanged(String name, Object key, CircuitState from, CircuitState to, Instant at) {
        each(l -> l.keyedStateChanged(name, key, from, to, at));
    }

    @Override
    public void retriesExhausted(String method, RetryExhaustedException exception) {
        each(l -> l.retriesExhausted(method, exception));
    }

    @Override
    public void timedOut(String method, Duration timeout) {
        each(l -> l.timedOut(method, timeout));
    }

    @Override
    public void fallbackApplied(String method, Throwable failure) {
        each(l -> l.fallbackApplied(method, failure));
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        each(l -> l.fallbackApplied(event));
    }

    @Override
    public boolean timesFallbacks() {
        for (EngineListener l : listeners) {
            if (l.timesFallbacks()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void callRejected(String method, CallRejected.Reason reason) {
        each(l -> l.callRejected(method, reason));
    }

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        stateChanged(name, from, to, at, CircuitStateChanged.LOCAL);
    }

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
        each(l -> l.stateChanged(name, from, to, at, origin));
    }

    /** Announces to every listener; one that throws is logged and the others still hear it. */
    private void each(Consumer<EngineListener> announcement) {
        for (EngineListener l : listeners) {
            try {
                announcement.accept(l);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast listener " + l + " failed; the guarded call goes on", e);
            }
        }
    }
}
