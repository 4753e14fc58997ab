package dev.steadfast.engine.breaker;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.EngineListener;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the breaker and its strategies announce, for assertions. Thread-safe. */
final class RecordingListener implements EngineListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<StateTransition> transitions = new CopyOnWriteArrayList<>();
    final List<String> rejections = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(String name, CircuitState from, CircuitState to, Instant at) {
        transitions.add(new StateTransition(from, to, at));
        events.add(name + ": " + from + " -> " + to);
    }

    @Override
    public void callRejected(String method, CallRejected.Reason reason) {
        rejections.add(method);
        events.add("rejected " + method + ": " + reason);
    }
}
