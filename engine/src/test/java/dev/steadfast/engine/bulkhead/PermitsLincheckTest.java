package dev.steadfast.engine.bulkhead;

import dev.steadfast.engine.LincheckBudget;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bulkhead's {@link Permits} (a CAS on two packed counts, a FIFO under a lock only for queueing and hand-over) is
 * linearizable against {@link Spec}: a counter and a queue. One permit and one place in the queue, so a caller can
 * get it, wait for it, or be turned away; each thread runs two callers. A release hands the permit to the first
 * waiter while that waiter gives up (its timeout), and a free permit is taken while a waiter is being handed one.
 */
public class PermitsLincheckTest {

    static final int MAX_RUNNING = 1;
    static final int MAX_WAITING = 1;
    static final int CALLERS = 8; // two per thread id: 0 before the parallel part, 1 and 2 in it, 3 after it

    static final int ACQUIRED = 1;
    static final int QUEUED = 2;
    static final int FULL = 3;
    static final int BUSY = 0;

    private final Permits permits = new Permits(MAX_RUNNING, MAX_WAITING);
    private final boolean[] holding = new boolean[CALLERS]; // each caller's own, touched by its thread only
    private final Permits.Waiter[] waiters = new Permits.Waiter[CALLERS];

    /** The caller asks for a permit, waiting in the queue if there is room. */
    @Operation
    public int acquire(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = IntGen.class, conf = "0:1") int caller) {
        int c = 2 * thread + caller;
        if (holds(c) || waiters[c] != null) {
            return BUSY;
        }
        Permits.Waiter w = new Permits.Waiter() {
            @Override
            void granted() {
            }
        };
        switch (permits.acquireOrQueue(w)) {
            case ACQUIRED:
                holding[c] = true;
                return ACQUIRED;
            case QUEUED:
                waiters[c] = w;
                return QUEUED;
            default:
                return FULL;
        }
    }

    /** The caller, if it holds a permit, returns it. @return whether it went to a waiter (1), the pool (0), or -1 */
    @Operation
    public int release(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = IntGen.class, conf = "0:1") int caller) {
        int c = 2 * thread + caller;
        if (!holds(c)) {
            return -1;
        }
        holding[c] = false;
        waiters[c] = null;
        return permits.release() != null ? 1 : 0;
    }

    /** The caller, if it waits, gives up. @return 1 when it left the queue, 0 when it had been handed the permit */
    @Operation
    public int timeout(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = IntGen.class, conf = "0:1") int caller) {
        int c = 2 * thread + caller;
        Permits.Waiter w = waiters[c];
        if (w == null || holding[c]) {
            return -1;
        }
        if (permits.leave(w)) {
            waiters[c] = null;
            return 1;
        }
        holding[c] = true; // granted before it gave up: it holds the permit now
        return 0;
    }

    @Operation
    public int counts() {
        return permits.running() * 10 + permits.waiting();
    }

    private boolean holds(int c) {
        return holding[c] || waiters[c] != null && waiters[c].status == Permits.Waiter.GRANTED;
    }

    @Test
    void isLinearizableUnderModelChecking() {
        LincheckBudget.modelCheck(getClass(), Spec.class);
    }

    @Test
    void isLinearizableUnderStress() {
        LincheckBudget.stress(getClass(), Spec.class);
    }

    /**
     * Permits taken, and the callers waiting, first come first served. A caller handed the permit while it waited
     * holds it; its next {@code timeout} finds it handed over (0) and from then on it simply holds it.
     */
    public static final class Spec {

        private static final int IDLE = 0;
        private static final int HOLDING = 1;
        private static final int WAITING = 2;
        private static final int HANDED = 3;

        private int running;
        private final ArrayDeque<Integer> queue = new ArrayDeque<>();
        private final int[] state = new int[CALLERS];

        public int acquire(int thread, int caller) {
            int c = 2 * thread + caller;
            if (state[c] != IDLE) {
                return BUSY;
            }
            if (running < MAX_RUNNING) {
                running++;
                state[c] = HOLDING;
                return ACQUIRED;
            }
            if (queue.size() < MAX_WAITING) {
                queue.add(c);
                state[c] = WAITING;
                return QUEUED;
            }
            return FULL;
        }

        public int release(int thread, int caller) {
            int c = 2 * thread + caller;
            if (state[c] != HOLDING && state[c] != HANDED) {
                return -1;
            }
            state[c] = IDLE;
            Integer next = queue.poll();
            if (next == null) {
                running--;
                return 0;
            }
            state[next] = HANDED;
            return 1;
        }

        public int timeout(int thread, int caller) {
            int c = 2 * thread + caller;
            if (state[c] == WAITING) {
                queue.remove(c);
                state[c] = IDLE;
                return 1;
            }
            if (state[c] == HANDED) {
                state[c] = HOLDING;
                return 0;
            }
            return -1;
        }

        public int counts() {
            return running * 10 + queue.size();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && running == s.running && Arrays.equals(queue.toArray(), s.queue.toArray())
                    && Arrays.equals(state, s.state);
        }

        @Override
        public int hashCode() {
            return Objects.hash(running, Arrays.hashCode(queue.toArray()), Arrays.hashCode(state));
        }
    }
}
