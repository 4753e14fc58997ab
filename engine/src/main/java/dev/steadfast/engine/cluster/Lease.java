package dev.steadfast.engine.cluster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Permits a member holds for one span of its own clock: a {@code FIXED} window of the fleet, or the hold of tokens
 * taken from a {@code SMOOTH} bucket. Calls spend {@link #permits} with one compare-and-set each and only while the
 * clock reads within {@code [start, end)} (a call whose reading fell just before {@code start} because it lost the
 * race to the boundary counts in this lease, as the local limiters count it); the exchange adds to them.
 */
final class Lease {

    /** The fleet window's number ({@code FIXED}), or a sequence number ({@code SMOOTH}). */
    final long index;
    final long start;
    final long end;
    /** Permits left to spend. */
    final AtomicLong permits;
    /** Set by a call that found too few permits and asked the exchange for more; cleared when the exchange answers. */
    final AtomicBoolean asked = new AtomicBoolean();
    /** Whether the permits come from the fleet (else from this member's local share, while degraded). */
    volatile boolean fleet;
    /** The fleet has none left for this span: a rejected call should retry after it. */
    volatile boolean empty;

    // Worker-confined.
    /** Every permit put in, from the fleet or the local share: {@code granted - permits} were spent. */
    long granted;
    /** A request for this lease is out. */
    boolean inFlight;
    /** What the fleet had left at its last answer, or -1. */
    long fleetLeft = -1;

    Lease(long index, long start, long end, boolean fleet, long permits) {
        this.index = index;
        this.start = start;
        this.end = end;
        this.fleet = fleet;
        this.permits = new AtomicLong(permits);
        this.granted = permits;
    }

    /**
     * Takes one permit if there is one. Why one CAS is enough: the count only ever drops by calls, each from the value
     * it read, and grows by the exchange's {@code addAndGet}; a call that loses the race re-reads.
     */
    boolean take() {
        long p = permits.get();
        while (p > 0) {
            long witness = permits.compareAndExchange(p, p - 1);
            if (witness == p) {
                return true;
            }
            p = witness;
        }
        return false;
    }

    /** Whether {@code now} is past this lease. Compared by difference: readings may wrap around. */
    boolean over(long now) {
        return now - end >= 0;
    }
}
