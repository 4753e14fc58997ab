package dev.steadfast.engine.time;

import dev.steadfast.engine.LincheckBudget;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@link ThreadTimer}'s {@link TimerQueue} (a lock-free inbound list, a heap only the timer thread touches, entries
 * cancelled by a compare-and-set on their own state) is linearizable against {@link Spec}: armed entries, the ones
 * moved to the heap, and which are still pending. Callers arm and cancel their own entries on any thread while the
 * timer's two operations (drain the inbound list into the heap, expire the earliest pending entry that is due), which
 * never run at once, race with them. Every drain purges the heap, so the purge's compaction and rebuild are checked
 * too. Entry {@code i} is due at time {@code i + 1}.
 */
public class TimerQueueLincheckTest {

    static final int ENTRIES = 8; // two per thread id: 0 before the parallel part, 1 and 2 in it, 3 after it

    private static final int FIRED = 1;
    private static final int CANCELLED = 2;

    private final TimerQueue queue = new TimerQueue(1);
    private final TestEntry[] entries = new TestEntry[ENTRIES]; // each caller's own, touched by its thread only

    /** A caller arms its entry. @return 0, or -1 when it was armed already */
    @Operation
    public int arm(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = IntGen.class, conf = "0:1") int caller) {
        int id = 2 * thread + caller;
        if (entries[id] != null) {
            return -1;
        }
        TestEntry e = new TestEntry(id);
        e.deadline = id + 1;
        entries[id] = e;
        return queue.push(e) ? 0 : -2;
    }

    /** A caller cancels its entry. @return whether it was still pending */
    @Operation
    public boolean cancel(@Param(gen = ThreadIdGen.class) int thread,
            @Param(gen = IntGen.class, conf = "0:1") int caller) {
        TestEntry e = entries[2 * thread + caller];
        return e != null && e.compareAndSetState(Timer.Entry.PENDING, CANCELLED);
    }

    /** The timer moves the inbound entries into the heap. */
    @Operation(nonParallelGroup = "timer")
    public void drain() {
        queue.drain();
    }

    /**
     * The timer expires the earliest pending entry due at {@code now}, as {@link ThreadTimer} does: an entry polled
     * as pending may lose its compare-and-set to a cancel, and then the next one is tried.
     *
     * @return the expired entry's id, or -1
     */
    @Operation(nonParallelGroup = "timer")
    public int expire(@Param(gen = IntGen.class, conf = "0:9") int now) {
        Timer.Entry e;
        while ((e = queue.pollDue(now)) != null) {
            if (e.compareAndSetState(Timer.Entry.PENDING, FIRED)) {
                return ((TestEntry) e).id;
            }
        }
        return -1;
    }

    @Test
    void isLinearizableUnderModelChecking() {
        LincheckBudget.modelCheck(getClass(), Spec.class);
    }

    @Test
    void isLinearizableUnderStress() {
        LincheckBudget.stress(getClass(), Spec.class);
    }

    private static final class TestEntry extends Timer.Entry {

        final int id;

        TestEntry(int id) {
            this.id = id;
        }

        @Override
        protected void expire() {
        }
    }

    /** Entries armed, moved to the heap, and still pending; the heap expires the earliest due pending one. */
    public static final class Spec {

        private final boolean[] armed = new boolean[ENTRIES];
        private final boolean[] inHeap = new boolean[ENTRIES];
        private final boolean[] pending = new boolean[ENTRIES];

        public int arm(int thread, int caller) {
            int id = 2 * thread + caller;
            if (armed[id]) {
                return -1;
            }
            armed[id] = true;
            pending[id] = true;
            return 0;
        }

        public boolean cancel(int thread, int caller) {
            int id = 2 * thread + caller;
            if (!pending[id]) {
                return false;
            }
            pending[id] = false;
            return true;
        }

        public void drain() {
            for (int id = 0; id < ENTRIES; id++) {
                if (armed[id]) {
                    inHeap[id] = true;
                }
            }
        }

        public int expire(int now) {
            for (int id = 0; id < ENTRIES; id++) { // ids in deadline order
                if (inHeap[id] && pending[id] && id + 1 <= now) {
                    pending[id] = false;
                    return id;
                }
            }
            return -1;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && Arrays.equals(armed, s.armed) && Arrays.equals(inHeap, s.inHeap)
                    && Arrays.equals(pending, s.pending);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(armed), Arrays.hashCode(inHeap), Arrays.hashCode(pending));
        }
    }
}
