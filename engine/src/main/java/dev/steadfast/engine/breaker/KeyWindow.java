package dev.steadfast.engine.breaker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The CLOSED state of one key of a keyed breaker: the same ring of outcome bits as {@link RollingWindow}, with the
 * same atomic steps and the same reasons why their order is safe (read its javadoc), laid out to be small, since a
 * family may hold thousands of keys: the first 64 outcomes live in a field, the counters are fields updated through
 * {@link VarHandle}s (no {@code AtomicLong} objects), and the window's size and threshold are the family's. 48 bytes
 * for a window of up to 64 calls. The object's identity is its epoch: a new window is built each time the key's
 * breaker closes.
 */
final class KeyWindow {

    private static final VarHandle BITS0;
    private static final VarHandle CLAIMED;
    private static final VarHandle COUNTS;
    private static final VarHandle MORE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long ONE_WRITTEN = 1L << 32;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BITS0 = l.findVarHandle(KeyWindow.class, "bits0", long.class);
            CLAIMED = l.findVarHandle(KeyWindow.class, "claimed", long.class);
            COUNTS = l.findVarHandle(KeyWindow.class, "counts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The state change that made this state; 0 for a key's first window. */
    final long seq;
    @SuppressWarnings("unused") // through BITS0
    private volatile long bits0;
    @SuppressWarnings("unused") // through CLAIMED
    private volatile long claimed;
    private volatile long counts;
    /** Bits of outcomes 64 and up; {@code null} for a window of 64 or fewer. */
    private final long[] more;

    KeyWindow(long seq, int size) {
        this.seq = seq;
        this.more = size > 64 ? new long[(size - 1) >>> 6] : null;
    }

    /**
     * Records one outcome in a window of {@code size} calls.
     *
     * @return whether, with it, the window has filled once and holds at least {@code threshold} failures
     */
    boolean record(boolean failure, int size, int threshold) {
        long i = (long) CLAIMED.getAndAdd(this, 1L);
        int slot = (int) (i % size);
        int word = slot >>> 6;
        long mask = 1L << slot;
        long before;
        if (word == 0) {
            before = failure ? (long) BITS0.getAndBitwiseOr(this, mask) : (long) BITS0.getAndBitwiseAnd(this, ~mask);
        } else {
            before = failure ? (long) MORE.getAndBitwiseOr(more, word - 1, mask)
                    : (long) MORE.getAndBitwiseAnd(more, word - 1, ~mask);
        }
        int delta = (failure ? 1 : 0) - ((before & mask) != 0 ? 1 : 0);
        long add = i < size ? ONE_WRITTEN + delta : delta;
        if (add == 0) {
            return false;
        }
        long now = (long) COUNTS.getAndAdd(this, add) + add;
        int failures = (int) now;
        long written = (now - failures) >>> 32;
        return written == size && failures >= threshold;
    }

    /** Failures in the ring; exact when no call is recording. */
    int failures() {
        return (int) counts;
    }
}
