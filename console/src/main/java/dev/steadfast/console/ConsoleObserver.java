package dev.steadfast.console;

import dev.steadfast.spi.BreakerRecorder;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.GuardRecorder;
import dev.steadfast.spi.GuardedOperation;
import dev.steadfast.spi.ObservedBreaker;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The console's {@link GuardObserver}: gives every guarded operation an {@link OperationRecorder} and notes when each
 * breaker was first seen (the start of its first state, for "time in state" before any transition). Breaker states,
 * transitions and controls come from the {@code CircuitBreakers} registry instead.
 */
final class ConsoleObserver implements GuardObserver {

    private final Clock clock;
    private final List<OperationRecorder> operations = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> breakersSeen = new ConcurrentHashMap<>();

    ConsoleObserver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public GuardRecorder observeOperation(GuardedOperation operation) {
        OperationRecorder recorder = new OperationRecorder(operation);
        operations.add(recorder);
        return recorder;
    }

    @Override
    public BreakerRecorder observeBreaker(ObservedBreaker breaker) {
        breakersSeen.putIfAbsent(breaker.name(), clock.instant());
        return null;
    }

    @Override
    public void close() {
        operations.clear();
        breakersSeen.clear();
    }

    /** The recorders, in the order their operations were built. */
    List<OperationRecorder> operations() {
        return operations;
    }

    /** When the breaker was first seen, or {@code null}. */
    Instant breakerSeen(String name) {
        return breakersSeen.get(name);
    }

    @Override
    public String toString() {
        return "Steadfast console";
    }
}
