package dev.steadfast.tck.restclient;

import dev.steadfast.RetryAttempted;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hears the CDI events and, as a {@link GuardObserver} (what the metrics modules are), every call's outcome. */
@ApplicationScoped
public class Watcher implements GuardObserver {

    private final List<RetryAttempted> retries = new CopyOnWriteArrayList<>();
    private final Map<String, List<CallOutcome>> outcomes = new ConcurrentHashMap<>();

    void retried(@Observes RetryAttempted event) {
        retries.add(event);
    }

    @Override
    public GuardRecorder observeOperation(GuardedOperation operation) {
        List<CallOutcome> calls = outcomes.computeIfAbsent(operation.method(), m -> new CopyOnWriteArrayList<>());
        return (outcome, nanos) -> calls.add(outcome);
    }

    List<RetryAttempted> retries() {
        return retries;
    }

    /** The outcomes of the calls of one operation; {@code null} when no operation of that name was observed. */
    List<CallOutcome> outcomes(String method) {
        return outcomes.get(method);
    }
}
