package dev.steadfast.impl.cdi;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryAttempted;
import dev.steadfast.RetryRefused;
import dev.steadfast.engine.EngineListener;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Turns engine announcements into CDI events (docs/operations.md), for the event types somebody observes: which ones is
 * decided at deployment from the observer methods the container found, so an application without observers pays
 * nothing. An observer that throws is logged and never breaks the guarded call.
 */
final class CdiEvents implements EngineListener {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final Event<Object> events;
    private final boolean stateChanges;
    private final boolean retries;
    private final boolean rejections;
    private final boolean refusals;
    private final boolean fallbacks;

    private CdiEvents(Event<Object> events, boolean stateChanges, boolean retries, boolean rejections,
            boolean refusals, boolean fallbacks) {
        this.events = events;
        this.stateChanges = stateChanges;
        this.retries = retries;
        this.rejections = rejections;
        this.refusals = refusals;
        this.fallbacks = fallbacks;
    }

    /** A listener for the observed event types, or {@code null} when none of them is observed. */
    static CdiEvents forObserved(BeanManager beanManager, Set<Type> observedTypes) {
        boolean stateChanges = observes(observedTypes, CircuitStateChanged.class);
        boolean retries = observes(observedTypes, RetryAttempted.class);
        boolean rejections = observes(observedTypes, CallRejected.class);
        boolean refusals = observes(observedTypes, RetryRefused.class);
        boolean fallbacks = observes(observedTypes, FallbackApplied.class);
        if (!stateChanges && !retries && !rejections && !refusals && !fallbacks) {
            return null;
        }
        return new CdiEvents(beanManager.getEvent(), stateChanges, retries, rejections, refusals, fallbacks);
    }

    private static boolean observes(Set<Type> observedTypes, Class<?> eventType) {
        for (Type t : observedTypes) {
            if (t instanceof Class<?> c && c.isAssignableFrom(eventType)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        stateChanged(name, from, to, at, CircuitStateChanged.LOCAL);
    }

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
        if (stateChanges) {
            fire(new CircuitStateChanged(name, from, to, at, null, origin));
        }
    }

    /** A keyed breaker's key changed state: the same event, carrying the key as text. */
    @Override
    public void keyedStateChanged(String name, Object key, CircuitState from, CircuitState to, Instant at) {
        if (stateChanges) {
            fire(new CircuitStateChanged(name, from, to, at, String.valueOf(key), CircuitStateChanged.LOCAL));
        }
    }

    @Override
    public void retryRefused(String method, int attempt, String budget) {
        if (refusals) {
            fire(new RetryRefused(method, attempt, budget));
        }
    }

    @Override
    public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
        if (retries) {
            fire(new RetryAttempted(method, attempt, failure, delay));
        }
    }

    @Override
    public void callRejected(String method, CallRejected.Reason reason) {
        if (rejections) {
            fire(new CallRejected(method, reason));
        }
    }

    @Override
    public void fallbackApplied(FallbackApplied event) {
        if (fallbacks) {
            fire(event);
        }
    }

    /** An observed {@link FallbackApplied} carries how long the guarded part took: every fallback then times calls. */
    @Override
    public boolean timesFallbacks() {
        return fallbacks;
    }

    private void fire(Object event) {
        try {
            events.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "An observer of " + event + " threw; the guarded call goes on", e);
        }
    }
}
