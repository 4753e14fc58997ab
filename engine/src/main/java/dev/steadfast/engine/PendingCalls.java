package dev.steadfast.engine;

import dev.steadfast.FaultToleranceException;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The calls of one engine whose caller still waits on a stage, so that closing the engine (the application stops)
 * leaves nobody waiting: {@link #stop()} completes each with a {@link FaultToleranceException} saying so, and
 * cancels the work behind it, wherever that work is (running, queued in a bulkhead or in the executor, waiting for a
 * delayed retry). Without this, a call queued when the executor and the timer stop would never complete.
 *
 * <p>Race-free without a lock: a call is added to the set, then checks {@link #stopping}; {@link #stop()} sets
 * {@link #stopping}, then walks the set. Whichever runs second sees the other's write (both are volatile writes
 * followed by reads), so a call made while the engine stops is stopped by one of the two, never by neither.
 */
final class PendingCalls {

    private final Set<Pending<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** {@code chain}, whose returned stages are tracked until they complete. */
    <V> Strategy<CompletionStage<V>> track(String method, Strategy<CompletionStage<V>> chain) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(chain, "chain");
        return invocation -> {
            CompletionStage<V> inner = chain.call(invocation);
            if (inner == null) {
                return null;
            }
            Pending<V> call = new Pending<>(method, inner);
            // Added before the callback is registered: an inner stage that completes at once removes an entry that
            // is already there, so none is left behind.
            pending.add(call);
            inner.whenComplete(call);
            if (stopping) {
                call.stop();
            }
            return call.result;
        };
    }

    /** Completes every call still pending, exceptionally, and cancels its work. Later calls are stopped at once. */
    void stop() {
        stopping = true;
        for (Pending<?> call : pending) {
            call.stop();
        }
    }

    /** Calls pending now, for tests. */
    int size() {
        return pending.size();
    }

    /**
     * One call: the stage its caller holds, completed with the outcome of the chain's stage or by the engine's stop,
     * whichever comes first. Cancelling it cancels the chain's stage, as every strategy's stage does.
     */
    private final class Pending<V> implements BiConsumer<V, Throwable> {

        final ForwardingStage<V> result = new ForwardingStage<>();
        private final String method;
        private final CompletionStage<V> inner;

        Pending(String method, CompletionStage<V> inner) {
            this.method = method;
            this.inner = inner;
            result.follow(inner);
        }

        @Override
        public void accept(V value, Throwable error) {
            pending.remove(this);
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(Failures.unwrap(error));
            }
        }

        void stop() {
            pending.remove(this);
            if (result.completeExceptionally(new FaultToleranceException(method
                    + " did not complete: the application is stopping, and Steadfast with it"))) {
                ForwardingStage.cancel(inner);
            }
        }
    }
}
