package dev.steadfast.engine.breaker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outcomes of the last {@code size} calls of one CLOSED period, as a ring of bits (1 = failure), recorded without
 * a lock and without allocating, in O(1). A new window is built each time the breaker closes (or is reset), so a
 * window only ever fills and rolls; it is never cleared.
 *
 * <p>Three atomics, each changed by one atomic instruction per call:
 * <ul>
 * <li>{@code claimed}: the call's sequence number {@code i}; its slot is {@code i % size}.</li>
 * <li>{@code bits}: the slot's bit is set or cleared with one atomic or/and that also returns the bit it replaced,
 *     so every call knows exactly what it overwrote.</li>
 * <li>{@code counts}: (slots written once) &lt;&lt; 32 + (failures in the ring), updated with one {@code addAndGet}
 *     by the difference this call made, and the decision uses the value that same instruction returns.</li>
 * </ul>
 *
 * <p>Why that order is safe. The failure count is only ever changed by the exact difference each bit swap made, so
 * once the calls in flight have finished it equals the number of bits set; in between it is off by at most one per
 * call that has swapped its bit and not yet added (a call in flight, in effect not yet finished). "Filled once" is
 * exact: only the first {@code size} sequence numbers add to the high half, each once and after writing its slot, so
 * it reads {@code size} exactly when all of them have been written; before that no decision is taken, whatever the
 * count. Two calls {@code size} apart may race for the same slot and land in either order; the ring then holds the
 * later writer's outcome, as if the two calls had finished the other way round, and the count still follows the bits.
 * The low half may dip below zero for an instant (a clear added before the set it undoes); it is read as a signed
 * {@code int} and the high half recovered by subtracting it, so a dip never corrupts the call count.
 */
final class RollingWindow {

    private static final VarHandle BITS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long ONE_WRITTEN = 1L << 32;

    private final int size;
    private final int threshold;
    private final long[] bits;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong counts = new AtomicLong();

    /**
     * @param size      outcomes kept
     * @param threshold failures in a full window that open the breaker
     */
    RollingWindow(int size, int threshold) {
        this.size = size;
        this.threshold = threshold;
        this.bits = new long[(size + 63) >>> 6];
    }

    /**
     * Records one outcome.
     *
     * @return {@code true} when, with this outcome, the window has filled once and holds at least {@code threshold}
     *         failures: the breaker should open
     */
    boolean record(boolean failure) {
        long i = claimed.getAndIncrement();
        int slot = (int) (i % size);
        int word = slot >>> 6;
        long mask = 1L << slot; // a long shift uses the low six bits: the position within the word
        long before = failure
                ? (long) BITS.getAndBitwiseOr(bits, word, mask)
                : (long) BITS.getAndBitwiseAnd(bits, word, ~mask);
        int delta = (failure ? 1 : 0) - ((before & mask) != 0 ? 1 : 0);
        long add = i < size ? ONE_WRITTEN + delta : delta;
        if (add == 0) {
            return false; // the window was full and the slot held the same outcome: nothing to decide anew
        }
        long now = counts.addAndGet(add);
        int failures = (int) now;
        long written = (now - failures) >>> 32;
        return written == size && failures >= threshold;
    }

    /** Failures in the ring; exact when no call is recording. For tests and diagnostics. */
    int failures() {
        return (int) counts.get();
    }

    /** Outcomes in the ring: the outcomes written once, up to {@code size}. Exact when no call is recording. */
    int calls() {
        long now = counts.get();
        return (int) ((now - (int) now) >>> 32);
    }

    /** Outcomes recorded so far (including those the ring has rolled past). */
    long recorded() {
        return claimed.get();
    }

    /** Whether the first {@code size} outcomes have all been written. */
    boolean filled() {
        long now = counts.get();
        return (now - (int) now) >>> 32 == size;
    }
}
