package dev.steadfast.engine.timeout;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Interruption;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.time.Duration;
import java.util.Objects;

/**
 * A synchronous timeout: the body runs on the caller's thread, the shared {@link Timer} interrupts that thread at the
 * deadline, and a call that returns or throws past the deadline ends in {@link TimeoutExceededException}, with the
 * timeout's own interrupt cleared (an interrupt from elsewhere, say a caller being stopped, stays set; when the thread
 * was already interrupted at the deadline, the timeout does not interrupt it again). Past the deadline means the
 * watchdog fired or the clock says so (a late timer still yields the exception). What the body threw is attached as
 * suppressed. The watchdog is the timer's only work here: an interrupt, constant-time.
 */
public final class TimeoutStrategy<V> implements Strategy<V> {

    private final Strategy<V> next;
    private final String method;
    private final long timeoutNanos;
    private final Duration timeout;
    private final Clock clock;
    private final Timer timer;
    private final EngineListener listener;

    public TimeoutStrategy(Strategy<V> next, String method, TimeoutPolicy policy, Clock clock, Timer timer,
            EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.timeoutNanos = policy.timeoutNanos();
        this.timeout = Duration.ofNanos(timeoutNanos);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        // The watchdog is the timer's entry: one object per call, armed with this call's own clock reading.
        Interruption watchdog = new Interruption();
        long start = clock.nanoTime();
        timer.arm(watchdog, start, timeoutNanos);
        V result = null;
        Throwable failure = null;
        try {
            result = next.call(invocation);
        } catch (Throwable t) {
            failure = t;
        }
        boolean fired = watchdog.finish(); // moves the entry out of PENDING: the timer will drop it
        if (!fired) {
            timer.disarm(watchdog);
        }
        if (fired || clock.nanoTime() - start > timeoutNanos) {
            TimeoutExceededException e = new TimeoutExceededException(method, timeout);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            listener.timedOut(method, timeout);
            throw e;
        }
        if (failure != null) {
            throw Failures.sneakyThrow(failure);
        }
        return result;
    }
}
