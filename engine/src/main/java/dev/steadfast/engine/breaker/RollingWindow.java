package dev.steadfast.engine.breaker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The outcomes of the last {@code size} calls of one CLOSED period, recorded without a lock and without allocating,
 * in O(1). A new window is built each time the breaker closes (or is reset), so a window only ever fills and rolls;
 * it is never cleared.
 *
 * <p>An outcome is recorded by one CAS on {@link #state}, which holds together the number of the next outcome
 * (modulo {@code cycle}), the failures in the window, whether it has filled once, and the last outcome itself. The
 * CAS is the moment the outcome happens: the decision it returns is taken on exactly the window that CAS produced,
 * so the windows seen one after the other are those of the outcomes in the order of their CASes, with none skipped.
 * The failure count needs the outcome that leaves the window (number {@code n - size}, in slot {@code n % size}),
 * so every outcome must be in its slot before the next CAS: each recorder first writes the previous outcome, which
 * {@link #state} still names, into its slot ({@link #publish}), whoever recorded it. A recorder stopped between its
 * CAS and its own write therefore holds nobody up, and never leaves a slot unwritten for the one a lap later (an
 * earlier version recorded the bit and the count in two steps; a call that had claimed its slot but not yet counted
 * could make the breaker miss two failures in a row, or open on a window no order of the calls produced:
 * {@code RollingWindowLincheckTest}).
 *
 * <p>Slots hold the outcome's number (modulo {@code cycle}) beside the outcome, so a late helper can tell whether a
 * slot still holds the outcome a lap earlier, which it replaces by one CAS, or already holds a later one, which it
 * leaves alone. Numbers repeat only every {@code cycle} outcomes (at least 2<sup>36</sup>), so a helper would have to
 * stall for that many outcomes to be fooled. Memory: 8 bytes per slot.
 */
final class RollingWindow {

    /** The largest window: its count and the outcome numbers share one {@code long}. */
    static final int MAX_SIZE = 1 << 24;

    private static final long LAST_FAILED = 1;
    private static final long FILLED = 2;
    private static final int COUNT_SHIFT = 2;

    private final int size;
    private final int threshold;
    private final long cycle;
    private final int numberShift;
    private final long countMask;
    /**
     * The packed count word ({@link #STATE}). It and the slots ({@link #SLOTS}: volatile and CAS access per element)
     * are a plain field and array with var handles, not an {@code AtomicLong} and an {@code AtomicLongArray}, which
     * would be two more objects in every breaker; the accesses are the same.
     */
    private volatile long state;
    /** Slot {@code n % size}: outcome {@code n} (modulo {@code cycle}) shifted left once, plus 1 if it failed. */
    private final long[] slots;

    private static final VarHandle STATE;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RollingWindow.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param size      outcomes kept, 1 to {@link #MAX_SIZE}
     * @param threshold failures in a full window that open the breaker
     */
    RollingWindow(int size, int threshold) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("a rolling window holds 1 to " + MAX_SIZE + " outcomes: " + size);
        }
        this.size = size;
        this.threshold = threshold;
        int countBits = 32 - Integer.numberOfLeadingZeros(size); // holds 0 .. size
        this.countMask = (1L << countBits) - 1;
        this.numberShift = COUNT_SHIFT + countBits;
        // Numbers fill the bits left; a whole number of laps, so that n % size is the slot across the wrap.
        this.cycle = (long) size << (64 - numberShift - countBits);
        long[] initial = new long[size];
        // The virtual outcomes -size .. -1, successes: the slots' predecessors in the first lap. Plain writes: the
        // final field publishes them with the window.
        for (int i = 0; i < size; i++) {
            initial[i] = (cycle - size + i) << 1;
        }
        this.slots = initial;
    }

    /**
     * Records one outcome.
     *
     * @return {@code true} when, with this outcome, the window has filled once and holds at least {@code threshold}
     *         failures, unless it replaced an equal outcome (then the window did not change and the decision was
     *         taken before): the breaker should open
     */
    boolean record(boolean failure) {
        while (true) {
            long s = state;
            long n = s >>> numberShift;
            boolean filled = (s & FILLED) != 0;
            if (n != 0 || filled) {
                publish(n == 0 ? cycle - 1 : n - 1, (s & LAST_FAILED) != 0); // the previous outcome, into its slot
            }
            // Slot n % size holds outcome n - size now (the previous CAS waited for it), or already a later one if
            // `s` is stale; only the former is used, and the CAS below fails in the latter case anyway.
            long leaving = (long) SLOTS.getVolatile(slots, (int) (n % size));
            if (leaving >>> 1 != Math.floorMod(n - size, cycle)) {
                continue;
            }
            boolean leavingFailed = (leaving & 1) != 0;
            long failures = (s >>> COUNT_SHIFT & countMask) - (leavingFailed ? 1 : 0) + (failure ? 1 : 0);
            boolean nowFilled = filled || n + 1 >= size;
            long next = (n + 1 == cycle ? 0 : n + 1) << numberShift | failures << COUNT_SHIFT
                    | (nowFilled ? FILLED : 0) | (failure ? LAST_FAILED : 0);
            if (STATE.compareAndSet(this, s, next)) {
                publish(n, failure); // or a later recorder already did it for us
                if (filled && leavingFailed == failure) {
                    return false; // the window was full and the slot held the same outcome: nothing to decide anew
                }
                return nowFilled && failures >= threshold;
            }
        }
    }

    /** Writes outcome {@code n} into its slot, over outcome {@code n - size}; does nothing if a later one is there. */
    private void publish(long n, boolean failed) {
        int slot = (int) (n % size);
        long there = (long) SLOTS.getVolatile(slots, slot);
        if (there >>> 1 == Math.floorMod(n - size, cycle)) {
            SLOTS.compareAndSet(slots, slot, there, n << 1 | (failed ? 1 : 0));
        }
    }

    /** Failures in the window. For tests and diagnostics. */
    int failures() {
        return (int) (state >>> COUNT_SHIFT & countMask);
    }

    /**
     * The window as {@code calls << 32 | failures}, both from one read of {@link #state}, so they belong together:
     * calls are the outcomes recorded so far, up to {@code size}. For the fleet's summaries.
     */
    long counts() {
        long s = state;
        long calls = (s & FILLED) != 0 ? size : s >>> numberShift;
        return calls << 32 | (s >>> COUNT_SHIFT & countMask);
    }

    /**
     * A number that moves on with every outcome recorded (the next outcome's number, modulo {@code cycle}, at least
     * 2<sup>36</sup>): how the fleet tells whether the window saw calls since it last looked.
     */
    long recorded() {
        return state >>> numberShift;
    }

    /** Whether {@code size} outcomes have been recorded. */
    boolean filled() {
        return (state & FILLED) != 0;
    }
}
