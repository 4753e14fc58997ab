package dev.steadfast.engine.time;

import dev.steadfast.engine.time.Timer.Entry;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * {@link ThreadTimer}'s entries: a lock-free inbound list that any thread pushes onto, and a binary min-heap by
 * deadline that only one thread at a time, the owner (the timer's thread), touches. No lock anywhere: an arm is one
 * compare-and-set on the inbound list's head, a cancel is one compare-and-set on the entry's own state (the queue is
 * not told), and the owner moves the inbound entries into the heap in one swap.
 *
 * <p><b>Cancelled entries</b> cost nothing to cancel and are dropped where the owner meets them: while moving the
 * inbound list into the heap (most timed calls end long before that, so most entries never reach the heap), at the
 * head when their deadline comes, and by a purge that compacts the heap once as many entries were added since the
 * last purge as that purge kept (at least {@link #PURGE_MIN}): O(1) amortized per entry, and the heap holds fewer
 * than twice as many entries as were pending at the last purge, or {@code 2 * PURGE_MIN}.
 */
final class TimerQueue {

    /** The least number of entries added between two purges. */
    static final int PURGE_MIN = 1024;

    /** The inbound list's bottom once the queue is closed: pushes fail from then on. Never pending. */
    private static final Entry CLOSED = new Entry() {
        {
            setState(1);
        }

        @Override
        protected void expire() {
        }
    };

    private static final VarHandle INBOUND;
    private static final VarHandle VERSION;

    private final int purgeMin;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            INBOUND = lookup.findVarHandle(TimerQueue.class, "inbound", Entry.class);
            VERSION = lookup.findVarHandle(TimerQueue.class, "version", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    TimerQueue() {
        this(PURGE_MIN);
    }

    /** @param purgeMin the least number of entries added between two purges (tests purge at every drain) */
    TimerQueue(int purgeMin) {
        this.purgeMin = purgeMin;
    }

    /** The last entry pushed; each entry's {@code link} is the one pushed before it. */
    private volatile Entry inbound;
    /** Odd while the owner moves entries (drain, poll, purge), so that {@link #pending()} can read a stable state. */
    private volatile int version;

    // The owner's alone.
    private Entry[] heap = new Entry[64];
    private int size;
    private int addedSincePurge;
    private int keptByPurge;
    /** The latest deadline among the cancelled entries the last drain dropped, when {@link #dropped}. */
    private long droppedUntil;
    private boolean dropped;

    /**
     * Any thread: adds {@code entry}, whose deadline is set. Lock-free: one compare-and-set, repeated only when
     * another push got in between.
     *
     * @return {@code false} when the queue is closed (the entry is not added)
     */
    boolean push(Entry entry) {
        Entry head;
        do {
            head = inbound;
            if (head == CLOSED) {
                return false;
            }
            entry.link = head; // published by the compare-and-set below, read by the owner after its swap
        } while (!INBOUND.compareAndSet(this, head, entry));
        return true;
    }

    /**
     * Owner: moves every pushed entry still pending into the heap and drops the others.
     *
     * @return {@code false} when the queue is closed
     */
    boolean drain() {
        // The change begins before the swap: a pending() that read the inbound list before the swap and the heap
        // after it would miss the moved entries, unless it then sees a new version.
        beginChange();
        try {
            Entry e;
            do {
                e = inbound;
                if (e == CLOSED) {
                    return false;
                }
                if (e == null) {
                    return true;
                }
            } while (!INBOUND.compareAndSet(this, e, null));
            dropped = false;
            while (e != null) {
                Entry next = (Entry) e.link;
                e.link = null;
                if (e.isPending()) {
                    add(e);
                } else if (!dropped || e.deadline - droppedUntil > 0) {
                    dropped = true;
                    droppedUntil = e.deadline;
                }
                e = next;
            }
            if (addedSincePurge >= Math.max(purgeMin, keptByPurge)) {
                purge();
            }
            return true;
        } finally {
            endChange();
        }
    }

    /**
     * Owner: removes and returns the earliest pending entry due at {@code now}, dropping cancelled ones on the way;
     * {@code null} when none is due.
     */
    Entry pollDue(long now) {
        if (size == 0 || heap[0].deadline - now > 0) {
            return null;
        }
        beginChange();
        try {
            while (size > 0 && heap[0].deadline - now <= 0) {
                Entry head = removeHead();
                if (head.isPending()) {
                    return head;
                }
            }
            return null;
        } finally {
            endChange();
        }
    }

    /** Owner: whether the heap holds no entry (pending or cancelled). */
    boolean isEmpty() {
        return size == 0;
    }

    /** Owner: the earliest deadline in the heap; only when not {@link #isEmpty()}. */
    long headDeadline() {
        return heap[0].deadline;
    }

    /**
     * Owner: whether the last {@link #drain()} dropped cancelled entries; then {@link #droppedUntil()} is the latest
     * of their deadlines, the time a thread with nothing else to wait for can sleep until without being woken by the
     * next arm of the same timeout.
     */
    boolean dropped() {
        return dropped;
    }

    long droppedUntil() {
        return droppedUntil;
    }

    /** Owner: forgets the dropped entries' deadline (it has passed). */
    void forgetDropped() {
        dropped = false;
    }

    /**
     * Any thread (the owner, before it parks): whether an entry pushed since the last {@link #drain()} is pending and
     * due before {@code time}.
     */
    boolean inboundDueBefore(long time) {
        for (Entry e = inbound; e != null && e != CLOSED; e = (Entry) e.link) {
            if (e.isPending() && e.deadline - time < 0) {
                return true;
            }
        }
        return false;
    }

    /** Any thread: whether an entry was pushed since the last {@link #drain()}. */
    boolean hasInbound() {
        Entry e = inbound;
        return e != null && e != CLOSED;
    }

    /**
     * Any thread: closes the queue (later pushes fail) and forgets the inbound entries. The owner then calls
     * {@link #clear()}.
     */
    void close() {
        INBOUND.getAndSet(this, CLOSED);
    }

    /** Owner: forgets every entry of the heap. */
    void clear() {
        beginChange();
        Arrays.fill(heap, 0, size, null);
        size = 0;
        endChange();
    }

    /**
     * Any thread: the pending entries, inbound and in the heap. Exact while the owner does not move entries (it is
     * parked, or runs an expired entry); read again when it moved some meanwhile.
     */
    int pending() {
        while (true) {
            int v = version;
            if ((v & 1) != 0) {
                Thread.onSpinWait();
                continue;
            }
            int count = 0;
            for (Entry e = inbound; e != null && e != CLOSED; e = (Entry) e.link) {
                if (e.isPending()) {
                    count++;
                }
            }
            Entry[] h = heap;
            int n = Math.min(size, h.length);
            for (int i = 0; i < n; i++) {
                Entry e = h[i];
                if (e != null && e.isPending()) {
                    count++;
                }
            }
            if (version == v) {
                return count;
            }
        }
    }

    /** Owner: the entries the heap holds, pending or cancelled (for tests of the purge). */
    int heapSize() {
        return size;
    }

    // The version's two writes bracket every change to the heap; the reads in pending() between two equal even
    // versions therefore saw no change (the volatile write after a change makes the change visible to a reader
    // that reads that version).
    private void beginChange() {
        VERSION.setVolatile(this, version + 1);
    }

    private void endChange() {
        VERSION.setVolatile(this, version + 1);
    }

    private void add(Entry e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, e);
        addedSincePurge++;
    }

    private Entry removeHead() {
        Entry head = heap[0];
        int last = --size;
        Entry moved = heap[last];
        heap[last] = null;
        if (last > 0) {
            siftDown(0, moved);
        }
        return head;
    }

    /** Keeps the pending entries only, and rebuilds the heap from them (bottom-up, O(n)). */
    private void purge() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            Entry e = heap[i];
            if (e.isPending()) {
                heap[n++] = e;
            }
        }
        Arrays.fill(heap, n, size, null);
        size = n;
        for (int i = (n >>> 1) - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
        addedSincePurge = 0;
        keptByPurge = n;
    }

    private void siftUp(int i, Entry e) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (p.deadline - e.deadline <= 0) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
    }

    private void siftDown(int i, Entry e) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].deadline - heap[child].deadline < 0) {
                child = right;
            }
            Entry c = heap[child];
            if (e.deadline - c.deadline <= 0) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = e;
    }
}
