package dev.steadfast.engine.bulkhead;

import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.LincheckBudget;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link AsyncBulkheadStrategy}'s queue is linearizable against {@link Spec}: one call runs, one waits, more are
 * rejected; completing the running call starts the waiting one (a direct executor: on the completing thread); a
 * caller cancels its call while it waits, while it is being handed the permit (then it is skipped and the permit
 * passes on), or while it runs (then the permit stays taken until its work ends: the inner stage here cannot be
 * cancelled, as a body that ignores the interrupt). Each thread runs two callers.
 */
public class AsyncBulkheadLincheckTest {

    static final int CALLERS = 8; // two per thread id: 0 before the parallel part, 1 and 2 in it, 3 after it

    static final int STARTED = 1;
    static final int QUEUED = 2;
    static final int REJECTED = 3;
    static final int BUSY = 0;

    /** Each caller's work, once started (possibly on the thread that completed the call before it). */
    private final AtomicReferenceArray<CompletableFuture<String>> work = new AtomicReferenceArray<>(CALLERS);
    private final AtomicReferenceArray<Thread> startedOn = new AtomicReferenceArray<>(CALLERS);
    private final CompletableFuture<?>[] calls = new CompletableFuture<?>[CALLERS]; // each caller's own
    private final AsyncBulkheadStrategy<String> bulkhead = new AsyncBulkheadStrategy<>(
            invocation -> invocation.proceed(), "Lincheck#call()", new BulkheadPolicy(1, 1, 0), Runnable::run,
            new EngineListener() { });

    @Operation
    public int call(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = IntGen.class, conf = "0:1") int caller) {
        int c = 2 * thread + caller;
        if (calls[c] != null) {
            return BUSY;
        }
        CompletableFuture<String> call = bulkhead.call(() -> {
            CompletableFuture<String> w = new CompletableFuture<>();
            work.set(c, w);
            startedOn.set(c, Thread.currentThread());
            return w.minimalCompletionStage(); // cancelling the call cannot end the work
        }).toCompletableFuture();
        calls[c] = call;
        if (startedOn.get(c) == Thread.currentThread()) {
            return STARTED;
        }
        // Completed at once without starting: rejected (the only failure a call that never started can have here).
        return call.isCompletedExceptionally() && !call.isCancelled() ? REJECTED : QUEUED;
    }

    /** The caller's work, if it has started and not ended, ends: the permit is released. */
    @Operation
    public int complete(@Param(gen = ThreadIdGen.class) int thread,
            @Param(gen = IntGen.class, conf = "0:1") int caller) {
        CompletableFuture<String> w = work.get(2 * thread + caller);
        return w != null && w.complete("done") ? 1 : -1;
    }

    @Operation
    public int cancel(@Param(gen = ThreadIdGen.class) int thread, @Param(gen = IntGen.class, conf = "0:1") int caller) {
        CompletableFuture<?> call = calls[2 * thread + caller];
        return call == null ? -1 : call.cancel(true) ? 1 : 0;
    }

    @Operation
    public int counts() {
        return bulkhead.running() * 10 + bulkhead.queued();
    }

    @Test
    void isLinearizableUnderModelChecking() {
        LincheckBudget.modelCheck(getClass(), Spec.class);
    }

    @Test
    void isLinearizableUnderStress() {
        LincheckBudget.stress(getClass(), Spec.class);
    }

    /** One permit, a FIFO of one; a call is idle, waiting, running (its work started) or over. */
    public static final class Spec {

        private static final int IDLE = 0;
        private static final int WAITING = 1;
        private static final int RUNNING = 2;
        private static final int OVER = 3;

        private int running;
        private final ArrayDeque<Integer> queue = new ArrayDeque<>();
        private final int[] state = new int[CALLERS];
        private final boolean[] done = new boolean[CALLERS]; // the caller's future is complete (or cancelled)

        public int call(int thread, int caller) {
            int c = 2 * thread + caller;
            if (state[c] != IDLE) {
                return BUSY;
            }
            if (running < 1) {
                running++;
                state[c] = RUNNING;
                return STARTED;
            }
            if (queue.isEmpty()) {
                queue.add(c);
                state[c] = WAITING;
                return QUEUED;
            }
            state[c] = OVER;
            done[c] = true;
            return REJECTED;
        }

        public int complete(int thread, int caller) {
            int c = 2 * thread + caller;
            if (state[c] != RUNNING) {
                return -1;
            }
            state[c] = OVER;
            done[c] = true;
            Integer next = queue.poll();
            if (next == null) {
                running--;
            } else {
                state[next] = RUNNING;
            }
            return 1;
        }

        public int cancel(int thread, int caller) {
            int c = 2 * thread + caller;
            if (state[c] == IDLE) {
                return -1;
            }
            if (done[c]) {
                return 0;
            }
            done[c] = true;
            if (state[c] == WAITING) {
                queue.remove(c);
                state[c] = OVER;
            }
            return 1;
        }

        public int counts() {
            return running * 10 + queue.size();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && running == s.running && Arrays.equals(queue.toArray(), s.queue.toArray())
                    && Arrays.equals(state, s.state) && Arrays.equals(done, s.done);
        }

        @Override
        public int hashCode() {
            return Objects.hash(running, Arrays.hashCode(queue.toArray()), Arrays.hashCode(state),
                    Arrays.hashCode(done));
        }
    }
}
