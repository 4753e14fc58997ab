package dev.steadfast.engine.time;

import java.util.PriorityQueue;

/**
 * A {@link Timer} driven by a {@link ManualClock}: actions run on the thread that advances the clock, in deadline
 * order, as soon as the clock reaches their deadline, and so does work they {@linkplain #handOff hand off}. For
 * tests.
 */
public final class ManualTimer implements Timer {

    private final ManualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long sequence;

    public ManualTimer(ManualClock clock) {
        this.clock = clock;
        clock.onAdvance(this::runDue);
    }

    @Override
    public Task schedule(long delayNanos, Runnable action) {
        Entry e;
        synchronized (this) {
            e = new Entry(clock.nanoTime() + Math.max(0, delayNanos), sequence++, action);
            queue.add(e);
        }
        if (delayNanos <= 0) {
            runDue();
        }
        return e;
    }

    /** Runs {@code work} at once, on the calling thread: the one that advanced the clock. */
    @Override
    public void handOff(Runnable work) {
        work.run();
    }

    /** Actions scheduled and neither run nor cancelled. */
    public synchronized int pending() {
        return queue.size();
    }

    private void runDue() {
        while (true) {
            Entry due;
            synchronized (this) {
                Entry head = queue.peek();
                if (head == null || head.deadline > clock.nanoTime()) {
                    return;
                }
                due = queue.poll();
            }
            due.action.run();
        }
    }

    private final class Entry implements Task, Comparable<Entry> {

        final long deadline;
        final long seq;
        final Runnable action;

        Entry(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualTimer.this) {
                queue.remove(this);
            }
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
