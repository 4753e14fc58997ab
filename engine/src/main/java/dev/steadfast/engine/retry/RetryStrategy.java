package dev.steadfast.engine.retry;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Retries a synchronous call on the caller's thread, sleeping through the {@link Clock} between attempts. A success
 * on the first attempt allocates nothing beyond reading the clock once. A failure the {@link FailureRule} keeps from
 * retries (a {@code VirtualMachineError}, the caller's interrupt) propagates at once, untouched; an
 * {@link InterruptedException} from the body leaves the thread's interrupt flag set, as the interrupt is meant for
 * the whole call.
 */
public final class RetryStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final Retrying retrying;

    public RetryStrategy(Strategy<V> next, String method, RetryPolicy policy, Clock clock, EngineListener listener) {
        this(next, method, policy, clock, listener, () -> ThreadLocalRandom.current().nextDouble());
    }

    public RetryStrategy(Strategy<V> next, String method, RetryPolicy policy, Clock clock, EngineListener listener,
            DoubleSupplier random) {
        this(next, method, policy, null, clock, listener, random, FailureRule.STEADFAST);
    }

    /** @param failures which failures the retry judges at all */
    public RetryStrategy(Strategy<V> next, String method, RetryPolicy policy, Clock clock, EngineListener listener,
            FailureRule failures) {
        this(next, method, policy, null, clock, listener, () -> ThreadLocalRandom.current().nextDouble(), failures);
    }

    /**
     * @param budget the retry budget every call deposits in and every retry draws on; {@code null} for none
     */
    public RetryStrategy(Strategy<V> next, String method, RetryPolicy policy, RetryBudget budget, Clock clock,
            EngineListener listener) {
        this(next, method, policy, budget, clock, listener, () -> ThreadLocalRandom.current().nextDouble(),
                FailureRule.STEADFAST);
    }

    public RetryStrategy(Strategy<V> next, String method, RetryPolicy policy, RetryBudget budget, Clock clock,
            EngineListener listener, DoubleSupplier random) {
        this(next, method, policy, budget, clock, listener, random, FailureRule.STEADFAST);
    }

    /**
     * @param budget   the retry budget every call deposits in and every retry draws on; {@code null} for none
     * @param failures which failures the retry judges at all
     */
    public RetryStrategy(Strategy<V> next, String method, RetryPolicy policy, RetryBudget budget, Clock clock,
            EngineListener listener, DoubleSupplier random, FailureRule failures) {
        this.next = Objects.requireNonNull(next, "next");
        this.retrying = new Retrying(Objects.requireNonNull(method, "method"), Objects.requireNonNull(policy, "policy"),
                budget, Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(random, "random"), Objects.requireNonNull(failures, "failures"));
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        Retrying r = retrying;
        Retrying.Attempts a = null;
        long start = r.clock.nanoTime();
        r.started(start);
        while (true) {
            try {
                V result = next.call(invocation);
                if (!r.rejects(result)) {
                    return result;
                }
                a = a != null ? a : new Retrying.Attempts(start);
                a.rejected(result);
            } catch (Throwable failure) {
                if (failure instanceof InterruptedException) {
                    // Throwing it cleared the flag, but the interrupt is meant for the whole call, not one attempt.
                    Thread.currentThread().interrupt();
                }
                if (!r.retries(failure, Thread.currentThread().isInterrupted())) {
                    throw Failures.sneakyThrow(failure);
                }
                a = a != null ? a : new Retrying.Attempts(start);
                a.failed(failure);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(a);
            }
            long delay = r.nextDelay(a);
            if (delay < 0) {
                throw Failures.sneakyThrow(r.giveUp(a));
            }
            if (delay > 0) {
                try {
                    r.clock.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw interrupted(a);
                }
            }
        }
    }

    /**
     * Interrupted between attempts: stop at once, keep the flag, rethrow the last failure as it was. When the last
     * attempt returned a rejected result there is no failure to rethrow, so the caller gets the exhaustion instead.
     */
    private Exception interrupted(Retrying.Attempts a) {
        if (a.lastFailure != null) {
            return Failures.sneakyThrow(a.lastFailure);
        }
        return retrying.exhausted(a);
    }
}
