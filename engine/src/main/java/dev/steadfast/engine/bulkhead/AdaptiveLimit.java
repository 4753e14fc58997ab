package dev.steadfast.engine.bulkhead;

import dev.steadfast.RetryAfterHint;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The adaptive concurrency limit of one operation: admits a call while fewer than {@link #limit()} run, and moves the
 * limit with the latency the calls see. Lock-free; admitting and releasing a call allocate nothing.
 *
 * <h2>The algorithm</h2>
 * Completed calls are measured in <em>windows</em> of {@code max(10, limit)} calls, about one round trip of the calls
 * in flight (TCP Vegas adjusts once per round trip for the same reason). A call that started before the limit last
 * changed is not counted: it measures the old limit. At the end of a window, with {@code rtt} its mean latency,
 * {@code noLoad} the least window latency of the last 128 to 256 windows and {@code L} the limit:
 * <ul>
 * <li>a window with a <b>drop</b> (a call ended by a timeout, an interrupt, a cancellation or a downstream rejection:
 *     any {@link RetryAfterHint}) multiplies {@code L} by the backoff ratio: AIMD's multiplicative decrease;</li>
 * <li>otherwise the <b>gradient</b> {@code g = noLoad / rtt}, bounded to [0.5, 1] (Gradient2's), estimates the queue
 *     in the dependency as {@code q = L × (1 − g)} (Vegas's estimate). With {@code α = max(1, 3·log10 L)} and
 *     {@code β = 2α}: a queue above β moves the limit to {@code L × g + α} (to where the queue would be α; at most
 *     halving it); a queue below α, when at least half the limit was in use (so the limit, not the demand, was the
 *     bound), raises it the same way, by {@code α − q}; in between it holds.</li>
 * </ul>
 * The least latency seen is only the no-load latency if the limit was once low enough to see it: from an overloaded
 * start every call queues. So the third window, and one window in 64 after that, is a <b>probe</b> at three quarters
 * of the limit, whose latency joins the minimum. When the latency fell with the limit (by a factor of √0.75 or more:
 * an elasticity of at least one half, which a dependency below its capacity does not show), the calls were queueing:
 * the limit stays at the probe's and the next probe comes two windows later, so an overloaded limit descends a step
 * every few round trips until it reaches the knee. Otherwise the limit returns to where it was. A probe lowers the
 * limit by a quarter, not a half, so that near the knee it stays near it. The
 * probes also keep {@code noLoad} fresh, so a dependency whose floor latency rises is followed within 256 windows.
 *
 * <h2>Why the order is safe</h2>
 * Every completion adds to the window's sum, count, drops and peak with one atomic instruction each; the completion
 * that finds the count at the window's size and wins the {@code closing} flag swaps the four out (each
 * {@code getAndSet}) and runs the update. A completion racing that swap may land in either window: the algorithm is
 * statistical, and one sample more or less in a window changes nothing that matters. The fields below the atomics are
 * written only by the thread holding {@code closing}; its release (a volatile write) and the next closer's acquire (a
 * CAS on the same flag) order successive updates, so no field is ever written by two threads at once.
 */
public final class AdaptiveLimit {

    static final int MIN_WINDOW = 10;
    static final int PROBE_EVERY = 64;
    static final int PROBE_SOON = 2;
    static final int NO_LOAD_EPOCH = 128;
    /** A probe window runs at this fraction of the limit. */
    static final double PROBE_FACTOR = 0.75;

    private final AdaptiveLimitPolicy policy;
    private final Clock clock;
    private volatile int limit;
    private final AtomicInteger inflight = new AtomicInteger();

    // The window being filled, by every completion.
    private final AtomicLong sum = new AtomicLong();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Calls that started before this reading measured an older limit and are not counted. */
    private volatile long generationStart;
    private volatile int windowSize;

    // Written only by the thread holding `closing`.
    private double estimate;
    private long noLoadCurrent = Long.MAX_VALUE;
    private long noLoadPrevious = Long.MAX_VALUE;
    private int epochWindows;
    /** The first window mixes the calls of the ramp up; the second, at the initial limit, is the first probed. */
    private int windowsToProbe = 2;
    private boolean probing;
    private double beforeProbe;
    private long rttBeforeProbe;
    private long lastRtt;
    private long windows;

    public AdaptiveLimit(AdaptiveLimitPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.estimate = policy.initialLimit();
        this.limit = policy.initialLimit();
        this.windowSize = Math.max(MIN_WINDOW, limit);
        this.generationStart = clock.nanoTime();
    }

    /** The current limit. */
    public int limit() {
        return limit;
    }

    /** Calls admitted and not yet released. */
    public int inflight() {
        return inflight.get();
    }

    /** The no-load latency as measured so far, in nanoseconds; {@code Long.MAX_VALUE} before the first window. */
    public long noLoadNanos() {
        return Math.min(noLoadCurrent, noLoadPrevious);
    }

    /** The mean latency of the last window, in nanoseconds; 0 before the first window. */
    public long lastRttNanos() {
        return lastRtt;
    }

    /** Windows closed so far. */
    public long windows() {
        return windows;
    }

    /**
     * Admits a call if fewer than the limit run.
     *
     * @return the calls in flight with this one (at least 1), to give back to {@link #release}; or {@code -1} when the
     *         call is rejected
     */
    public int tryAcquire() {
        while (true) {
            int n = inflight.get();
            if (n >= limit) {
                return -1;
            }
            if (inflight.compareAndSet(n, n + 1)) {
                return n + 1;
            }
        }
    }

    /**
     * An admitted call ended.
     *
     * @param startNanos      the clock reading when it was admitted
     * @param inflightAtStart what {@link #tryAcquire()} returned
     * @param dropped         whether it ended in a drop ({@link #isDrop})
     */
    public void release(long startNanos, int inflightAtStart, boolean dropped) {
        inflight.decrementAndGet();
        long now = clock.nanoTime();
        if (startNanos - generationStart < 0) {
            return; // admitted under an older limit
        }
        sum.addAndGet(Math.max(0, now - startNanos));
        if (dropped) {
            drops.incrementAndGet();
        }
        peak.accumulateAndGet(inflightAtStart, Math::max);
        if (count.incrementAndGet() >= windowSize && !closing.get() && closing.compareAndSet(false, true)) {
            try {
                close(now);
            } finally {
                closing.set(false);
            }
        }
    }

    /**
     * Whether a call that ended with {@code failure} tells of overload: a timeout, an interrupt or cancellation (the
     * way an enclosing timeout ends a call), or a failure carrying a retry-after hint (Steadfast's own rejections, and
     * a dependency's "slow down" answers that implement {@link RetryAfterHint}).
     */
    public static boolean isDrop(Throwable failure) {
        return failure instanceof TimeoutExceededException || failure instanceof TimeoutException
                || failure instanceof InterruptedException || failure instanceof CancellationException
                || failure instanceof RetryAfterHint;
    }

    private void close(long now) {
        int n = count.getAndSet(0);
        long total = sum.getAndSet(0);
        int dropped = drops.getAndSet(0);
        int used = peak.getAndSet(0);
        if (n == 0) {
            return;
        }
        long rtt = Math.max(1, total / n);
        lastRtt = rtt;
        windows++;
        noLoadCurrent = Math.min(noLoadCurrent, rtt);
        if (++epochWindows >= NO_LOAD_EPOCH) {
            noLoadPrevious = noLoadCurrent;
            noLoadCurrent = Long.MAX_VALUE;
            epochWindows = 0;
        }
        set(next(rtt, dropped, used), now);
    }

    private double next(long rtt, int dropped, int used) {
        double l = estimate;
        if (probing) {
            probing = false;
            if (dropped > 0) {
                windowsToProbe = PROBE_EVERY;
                return l * policy.backoffRatio();
            }
            // Latency fell with the limit (elasticity 0.5 or more: by a factor of sqrt(0.75) or better): the calls
            // were queueing at the old limit. Stay at the probe's limit and look lower again soon.
            if (rtt <= rttBeforeProbe * Math.sqrt(PROBE_FACTOR)) {
                windowsToProbe = PROBE_SOON;
                return l;
            }
            windowsToProbe = PROBE_EVERY;
            return beforeProbe;
        }
        double next;
        if (dropped > 0) {
            next = l * policy.backoffRatio();
        } else {
            double g = Math.max(0.5, Math.min(1.0, (double) noLoadNanos() / rtt));
            double q = l * (1 - g);
            double a = alpha(l);
            if (q > 2 * a || (q < a && used >= l / 2)) {
                next = l * g + a;
            } else {
                next = l;
            }
        }
        if (--windowsToProbe <= 0) {
            probing = true;
            beforeProbe = clamp(next);
            rttBeforeProbe = rtt;
            next = next * PROBE_FACTOR;
        }
        return next;
    }

    private void set(double next, long now) {
        estimate = clamp(next);
        int l = Math.max(policy.minLimit(), (int) Math.round(estimate));
        windowSize = Math.max(MIN_WINDOW, l);
        if (l != limit) {
            generationStart = now;
            limit = l;
        }
    }

    private double clamp(double l) {
        return Math.max(policy.minLimit(), Math.min(policy.maxLimit(), l));
    }

    private static double alpha(double l) {
        return Math.max(1, 3 * Math.log10(l));
    }

    @Override
    public String toString() {
        return "AdaptiveLimit[" + limit + ", " + inflight.get() + " in flight]";
    }
}
