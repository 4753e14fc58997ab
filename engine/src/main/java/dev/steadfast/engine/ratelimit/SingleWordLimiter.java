package dev.steadfast.engine.ratelimit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lock-free loop shared by the limiters whose whole state fits in one {@code long} ({@code FIXED},
 * {@code SMOOTH}), and minimum spacing on top of them. Subclasses only say, as pure functions of a state and a time,
 * how long a call must wait and what the state becomes when one is admitted.
 *
 * <p>Why one CAS is enough: the decision reads the state once and uses only that snapshot and {@code now}; the CAS
 * publishes the successor of exactly that snapshot. If another admission got in between, the CAS fails and the
 * decision is made again on the newer state, so two admissions can never both be computed from the same state, and
 * every admitted call is counted. A rejection writes nothing.
 *
 * <p>Spacing needs a second number (the time of the last admission) that must change atomically with the first, and
 * two {@code long}s do not fit one CAS. With spacing on, the pair lives in an immutable {@link Spaced} object
 * swapped by one CAS on a reference, which costs one small allocation per admitted call (none per rejection); with
 * spacing off, the state is a plain {@link AtomicLong} and nothing is allocated.
 */
abstract class SingleWordLimiter implements RateLimiter {

    private final long spacing;
    private final AtomicLong state;
    private final AtomicReference<Spaced> spaced;

    /**
     * @param initial the state before the first call
     * @param spacing least nanoseconds between two admissions, 0 for none
     * @param origin  the earliest time a call may be made
     */
    SingleWordLimiter(long initial, long spacing, long origin) {
        this.spacing = spacing;
        if (spacing == 0) {
            this.state = new AtomicLong(initial);
            this.spaced = null;
        } else {
            this.state = null;
            // As if the last admission was exactly `spacing` before the origin: the first call is not held back.
            this.spaced = new AtomicReference<>(new Spaced(initial, origin - spacing));
        }
    }

    /** Nanoseconds from {@code now} until a permit is free in {@code state}; {@code 0} when one is free now. */
    abstract long waitNanos(long state, long now);

    /** The state after admitting a call at {@code now}, when {@code waitNanos(state, now) == 0}. */
    abstract long admit(long state, long now);

    /** The permits free in {@code state} at {@code now}, from 0 to the limit. */
    abstract long permits(long state, long now);

    @Override
    public final int available(long now) {
        // One read of the state, as a decision makes it; nothing is written.
        long s = spacing == 0 ? state.get() : spaced.get().state;
        return (int) Math.min(Integer.MAX_VALUE, permits(s, now));
    }

    @Override
    public final long tryAcquire(long now) {
        if (spacing == 0) {
            long s = state.get();
            while (true) {
                long wait = waitNanos(s, now);
                if (wait > 0) {
                    return wait;
                }
                long witness = state.compareAndExchange(s, admit(s, now));
                if (witness == s) {
                    return 0;
                }
                s = witness;
            }
        }
        Spaced s = spaced.get();
        while (true) {
            // A reading older than the last admission (a thread that read the clock, then lost the race) waits
            // longer than `spacing`: conservative, and it is only a hint.
            long wait = Math.max(waitNanos(s.state, now), s.last + spacing - now);
            if (wait > 0) {
                return wait;
            }
            Spaced witness = spaced.compareAndExchange(s, new Spaced(admit(s.state, now), now));
            if (witness == s) {
                return 0;
            }
            s = witness;
        }
    }

    /** The limiter's state and the time of the last admission, changed together. */
    private record Spaced(long state, long last) {
    }
}
