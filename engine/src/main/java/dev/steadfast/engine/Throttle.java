package dev.steadfast.engine;

import dev.steadfast.engine.time.Clock;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets an event through at most once per interval per key, and counts the ones it holds back, so that the next one
 * let through can say how many were not shown: for log lines that must not flood (exhausted retries, a circuit
 * opening), one key per method or breaker. Driven by the engine's {@link Clock}, so virtual time in tests moves it too.
 *
 * <p>Thread-safe and lock-free. A known key costs one map lookup, one clock read and one CAS or one increment; nothing
 * is allocated. At most {@value #MAX_KEYS} keys are tracked: when a new key finds the table full, keys that are idle
 * (their interval over, nothing held back, so forgetting them changes nothing) are dropped, at most once per interval;
 * keys beyond that share one gate, so memory and output stay bounded whatever the number of keys (short-lived
 * programmatic guards, each with a name of its own).
 */
public final class Throttle {

    /** Keys tracked one by one; more share one gate. */
    public static final int MAX_KEYS = 4096;

    private final Clock clock;
    private final long intervalNanos;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Gate overflow;
    /** When the table was last swept of idle keys. */
    private final AtomicLong lastSweep;

    /**
     * @param clock    measures the interval
     * @param interval the least time between two events let through for one key; {@link Duration#ZERO} lets every
     *                 event through
     */
    public Throttle(Clock clock, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        long now = clock.nanoTime();
        this.overflow = new Gate(now);
        this.lastSweep = new AtomicLong(now - intervalNanos);
    }

    /** The interval this throttle was built with. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * One event for {@code key}.
     *
     * @return {@code -1} when it is held back (and counted); otherwise it may go through, and the result is the number
     *         of events of this key held back since the last one that went through
     */
    public long admit(String key) {
        if (intervalNanos == 0) {
            return 0;
        }
        Gate g = gates.get(key);
        if (g == null) {
            g = gateFor(key);
        }
        return g.admit(clock.nanoTime(), intervalNanos);
    }

    private Gate gateFor(String key) {
        long now = clock.nanoTime();
        if (gates.size() >= MAX_KEYS) {
            sweep(now);
            if (gates.size() >= MAX_KEYS) {
                return overflow;
            }
        }
        return gates.computeIfAbsent(key, k -> new Gate(now));
    }

    /** Drops the idle gates, once per interval at most (by whichever thread wins the CAS). */
    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < intervalNanos || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        // remove(key, gate) only drops the gate still mapped; a thread that read it just before goes on with it,
        // which at worst lets one more event of that key through within the interval.
        gates.forEach((key, gate) -> {
            if (gate.idle(now)) {
                gates.remove(key, gate);
            }
        });
    }

    /** The state of one key: when its next event may pass, and how many were held back since the last one did. */
    private static final class Gate {

        private final AtomicLong next;
        private final AtomicLong held = new AtomicLong();

        Gate(long now) {
            this.next = new AtomicLong(now);
        }

        long admit(long now, long intervalNanos) {
            // Read once: the CAS below only wins if no other event passed since this read, so exactly one event per
            // interval passes. A held-back event is counted after the winner took the count (getAndSet), or before:
            // either way it is reported once, by this line or by the next one that passes; none is lost or counted
            // twice.
            long n = next.get();
            if (now - n >= 0 && next.compareAndSet(n, now + intervalNanos)) {
                return held.getAndSet(0);
            }
            held.incrementAndGet();
            return -1;
        }

        boolean idle(long now) {
            return now - next.get() >= 0 && held.get() == 0;
        }
    }
}
