package dev.steadfast.engine.observe;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.spi.GuardRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.IntSupplier;

/**
 * What the engine needs while it builds the chain of one observed operation: the listener its strategies announce to
 * (the engine's, plus the operation's recorders), the fallback policy that marks fallback answers, the places to
 * connect the bulkhead's counts and the rate limit's permits, and the outermost observing strategy.
 */
public final class Observation {

    private final OperationView operation;
    private final GuardRecorder recorder;
    private final EngineListener listener;
    private final Clock clock;
    private boolean hasFallback;

    Observation(OperationView operation, GuardRecorder recorder, EngineListener listener, Clock clock) {
        this.operation = operation;
        this.recorder = recorder;
        this.listener = listener;
        this.clock = clock;
    }

    /** What the operation's strategies announce to. */
    public EngineListener listener() {
        return listener;
    }

    /** {@code policy} with functions that mark the call they answer, so its outcome is counted as a fallback. */
    public FallbackPolicy fallback(FallbackPolicy policy) {
        hasFallback = true;
        List<FallbackFunction<Object>> chain = new ArrayList<>();
        for (FallbackFunction<Object> f : policy.chain()) {
            chain.add(ObservedCall.marking(f));
        }
        return policy.withChain(chain);
    }

    /** Connects the operation's bulkhead view to the strategy's live counts. */
    public void bulkhead(IntSupplier inUse, IntSupplier queued) {
        operation.bindBulkhead(inUse, queued);
    }

    /** Connects the operation's bulkhead view to an adaptive bulkhead's live limit and calls in flight. */
    public void adaptiveBulkhead(IntSupplier limit, IntSupplier inUse) {
        operation.bindAdaptive(limit, inUse);
    }

    /** Connects the operation's rate limit view to the strategy's live permits. */
    public void rateLimit(IntSupplier available) {
        operation.bindRateLimit(available);
    }

    /** The built synchronous chain inside the observing strategy. */
    public Strategy<Object> observe(Strategy<Object> chain) {
        return new ObservingStrategy<>(chain, recorder, clock, hasFallback);
    }

    /** The built stage chain inside the observing strategy. */
    public Strategy<CompletionStage<Object>> observeStaged(Strategy<CompletionStage<Object>> chain) {
        return new AsyncObservingStrategy<>(chain, recorder, clock, hasFallback);
    }
}
