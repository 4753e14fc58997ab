package dev.steadfast.engine;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.RetryExhaustedException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every announcement, in order, so tests can assert what a strategy said. Thread-safe. */
public final class RecordingListener implements EngineListener {

    public record RetryScheduled(String method, int attempt, Throwable failure, Duration delay) {
    }

    public record RetriesExhausted(String method, RetryExhaustedException exception) {
    }

    public record TimedOut(String method, Duration timeout) {
    }

    public record FallbackApplied(String method, Throwable failure) {
    }

    public record Rejected(String method, CallRejected.Reason reason) {
    }

    public record StateChanged(String name, CircuitState from, CircuitState to, Instant at) {
    }

    public record RetryRefused(String method, int attempt, String budget) {
    }

    public record KeyedStateChanged(String name, Object key, CircuitState from, CircuitState to) {
    }

    private final List<Object> events = new CopyOnWriteArrayList<>();

    public List<Object> events() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public <T> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void retryScheduled(String method, int attempt, Throwable failure, Duration delay) {
        events.add(new RetryScheduled(method, attempt, failure, delay));
    }

    @Override
    public void retriesExhausted(String method, RetryExhaustedException exception) {
        events.add(new RetriesExhausted(method, exception));
    }

    @Override
    public void timedOut(String method, Duration timeout) {
        events.add(new TimedOut(method, timeout));
    }

    @Override
    public void fallbackApplied(String method, Throwable failure) {
        events.add(new FallbackApplied(method, failure));
    }

    @Override
    public void callRejected(String method, CallRejected.Reason reason) {
        events.add(new Rejected(method, reason));
    }

    @Override
    public void retryRefused(String method, int attempt, String budget) {
        events.add(new RetryRefused(method, attempt, budget));
    }

    @Override
    public void keyedStateChanged(String name, Object key, CircuitState from, CircuitState to, Instant at) {
        events.add(new KeyedStateChanged(name, key, from, to));
    }

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        events.add(new StateChanged(name, from, to, at));
    }
}
