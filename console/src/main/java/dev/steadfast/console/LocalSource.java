package dev.steadfast.console;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitState;
import dev.steadfast.StateTransition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/** This application as a {@link ConsoleSource}: its observer's counters and its breaker registry. */
final class LocalSource implements ConsoleSource {

    private final ConsoleObserver observer;
    private final Supplier<Collection<CircuitBreakerHandle>> breakers;

    LocalSource(ConsoleObserver observer, Supplier<Collection<CircuitBreakerHandle>> breakers) {
        this.observer = observer;
        this.breakers = breakers;
    }

    @Override
    public String member() {
        return "local";
    }

    @Override
    public List<OperationSample> operations() {
        List<OperationSample> samples = new ArrayList<>();
        for (OperationRecorder r : observer.operations()) {
            samples.add(r.sample());
        }
        return samples;
    }

    @Override
    public List<BreakerSample> breakers() {
        List<BreakerSample> samples = new ArrayList<>();
        for (CircuitBreakerHandle h : breakers.get()) {
            // The state first: a transition after this read shows in the next snapshot, not half in this one.
            CircuitState state = h.state();
            List<StateTransition> transitions = h.transitions();
            Instant since = transitions.isEmpty() ? observer.breakerSeen(h.name())
                    : transitions.get(transitions.size() - 1).at();
            Duration retryAfter = state == CircuitState.OPEN ? h.retryAfter().orElse(null) : null;
            samples.add(new BreakerSample(h.name(), state, since, retryAfter, h.stats(), transitions));
        }
        return samples;
    }
}
