package dev.steadfast.engine.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CallRejected;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.ForwardingStage;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Settles;
import dev.steadfast.engine.Strategy;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A bulkhead for calls that return a {@code CompletionStage}: at most {@link BulkheadPolicy#maxConcurrent()} calls
 * run at once, and up to {@link BulkheadPolicy#waitingTaskQueue()} more wait in a FIFO queue. A call runs from the
 * moment the inner strategy is invoked until the stage it returned completes; its permit is released then (or when
 * the inner strategy throws or returns {@code null}). Beyond running plus queued, the returned stage fails with
 * {@link BulkheadFullException} (nothing is thrown) and {@link CallRejected.Reason#BULKHEAD_FULL} is announced.
 * {@code maxWait} does not apply: a queued call waits as long as it takes.
 *
 * <p><b>Threads.</b> A call that finds a free permit invokes the inner strategy on the caller's thread. A queued call
 * is started on {@code executor} when a running call hands it its permit; the thread that completes a stage never
 * runs someone else's call (it may be an I/O thread of an HTTP client). Pass a direct executor
 * ({@code Runnable::run}) to start queued calls on the releasing thread instead: even then a long chain of calls that
 * complete synchronously is started in a loop, not by recursion, so the stack does not grow.
 *
 * <p><b>Work in flight.</b> A bulkhead limits work in flight, not callers: a permit is held until the work has really
 * ended, and released before the caller hears the outcome, so that a call made after the previous work ended is never
 * rejected. For an inner stage that {@link Settles} (the {@code @Asynchronous} offload) the work has ended when the
 * body has left its thread and its stage completed; the caller is told after that. For any other stage (a method
 * without {@code @Asynchronous} returning the stage of work Steadfast does not run, an HTTP client's, say) the work
 * ends when the stage completes on its own.
 *
 * <p><b>Cancellation.</b> Cancelling (or completing) the returned future of a queued call takes it out of the queue at
 * once; one that is granted a permit concurrently is skipped and passes the permit on. Cancelling the returned future
 * of a running call (a caller's cancel, a timeout) cancels an inner stage that {@link Settles}, which interrupts the
 * {@code @Asynchronous} body; a body that ignores the interrupt keeps its permit until it leaves. Any other inner stage
 * is not cancelled: cancelling it would not stop the work behind it, only hide its end; the work keeps its permit
 * until its stage completes, so a bulkhead of {@code value} never has more than {@code value} works in flight, however
 * many callers gave up on them.
 *
 * <p>Thread-safe; one instance serves every call of its method. {@link #running()} and {@link #queued()} read live
 * state; there is nothing to reset.
 *
 * @param <V> the value type of the stage
 */
public final class AsyncBulkheadStrategy<V> implements Strategy<CompletionStage<V>> {

    /** Per thread: the queued calls granted a permit while this thread is already starting one further up. */
    private static final ThreadLocal<ArrayDeque<Runnable>> STARTING = new ThreadLocal<>();

    private final Strategy<CompletionStage<V>> next;
    private final String method;
    private final int maxConcurrent;
    private final int waitingTaskQueue;
    private final Executor executor;
    private final EngineListener listener;
    private final Permits permits;

    /**
     * @param next     the strategy inside this one
     * @param method   the guarded method, for messages and events
     * @param policy   the limits; {@code maxWait} is ignored
     * @param executor starts queued calls when they get a permit (only those); must not block the releasing thread
     * @param listener hears rejections
     */
    public AsyncBulkheadStrategy(Strategy<CompletionStage<V>> next, String method, BulkheadPolicy policy,
            Executor executor, EngineListener listener) {
        this.next = Objects.requireNonNull(next, "next");
        this.method = Objects.requireNonNull(method, "method");
        this.maxConcurrent = policy.maxConcurrent();
        this.waitingTaskQueue = policy.waitingTaskQueue();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.permits = new Permits(maxConcurrent, waitingTaskQueue);
    }

    @Override
    public CompletionStage<V> call(Invocation<CompletionStage<V>> invocation) {
        Call call = new Call(invocation);
        switch (permits.acquireOrQueue(call.waiter)) {
            case ACQUIRED -> call.start();
            case QUEUED -> {
                // started by the release that hands it a permit
            }
            case FULL -> {
                listener.callRejected(method, CallRejected.Reason.BULKHEAD_FULL);
                call.completeExceptionally(new BulkheadFullException(method, maxConcurrent, waitingTaskQueue));
            }
        }
        return call;
    }

    /** Calls running now (their inner stage has not completed). */
    public int running() {
        return permits.running();
    }

    /** Calls queued for a permit now. */
    public int queued() {
        return permits.waiting();
    }

    private void release() {
        Permits.Waiter first = permits.release();
        if (first != null) {
            first.granted();
        }
    }

    /**
     * Runs {@code start} now, unless this thread is already inside {@code trampoline} further up its stack; then
     * {@code start} is queued and that outer frame runs it when the current one returns. So when a queued call
     * completes synchronously, releases its permit and so starts the next queued call (with a direct executor), the
     * next one runs after this frame unwinds instead of one level deeper: a chain of any length uses a constant
     * stack. Only the order of starts on this one thread is affected; the permits themselves are handed over at once.
     */
    private static void trampoline(Runnable start) {
        ArrayDeque<Runnable> pending = STARTING.get();
        if (pending != null) {
            pending.add(start);
            return;
        }
        pending = new ArrayDeque<>();
        STARTING.set(pending);
        try {
            for (Runnable r = start; r != null; r = pending.poll()) {
                r.run(); // never throws: see Call.dispatch()
            }
        } finally {
            STARTING.remove();
        }
    }

    /** One call: the future its caller holds, and its place in the queue. */
    private final class Call extends CompletableFuture<V> implements Runnable {

        private final Invocation<CompletionStage<V>> invocation;
        private final Permits.Waiter waiter = new Permits.Waiter() {
            @Override
            void granted() {
                trampoline(Call.this::dispatch);
            }
        };
        private volatile CompletionStage<V> inner;

        Call(Invocation<CompletionStage<V>> invocation) {
            this.invocation = invocation;
        }

        /** Holds a permit: invokes the inner strategy and releases the permit when its stage completes. */
        void start() {
            CompletionStage<V> stage;
            try {
                stage = next.call(invocation);
            } catch (Throwable t) {
                release();
                super.completeExceptionally(t);
                return;
            }
            if (stage == null) {
                release();
                super.complete(null);
                return;
            }
            inner = stage;
            boolean settles = stage instanceof Settles;
            // Published before this check: a cancel() that this check misses sees `inner` and cancels it.
            if (settles && isCancelled()) {
                ForwardingStage.cancel(stage);
            }
            if (settles) {
                // The work may end after its stage completed (the body's thread leaves it later): the permit goes
                // back when it has settled, and only then is the caller told, so that a call made once the outcome
                // arrived never finds the permit still taken.
                ((Settles) stage).settled().whenComplete((ended, error) -> {
                    release();
                    stage.whenComplete(this::finish);
                });
            } else {
                stage.whenComplete((value, error) -> {
                    release(); // first: whoever the outcome wakes up finds the permit free
                    finish(value, error);
                });
            }
        }

        /** Tells the caller the outcome of the work. */
        private void finish(V value, Throwable error) {
            if (error == null) {
                super.complete(value);
            } else {
                super.completeExceptionally(Failures.unwrap(error));
            }
        }

        /** Granted a permit while queued: hands the start to the executor, or skips a call nobody waits for. */
        private void dispatch() {
            if (isDone()) {
                release(); // cancelled or completed while it was granted the permit
                return;
            }
            try {
                executor.execute(this);
            } catch (Throwable t) {
                release();
                super.completeExceptionally(t);
            }
        }

        /** On the executor. */
        @Override
        public void run() {
            if (isDone()) {
                release();
                return;
            }
            start();
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled && !permits.leave(waiter)) {
                // Running: only work that can be stopped, and whose real end can be seen, is cancelled (see class
                // comment). Cancelling any other stage would stop nothing and hide when the work ends.
                CompletionStage<V> stage = inner;
                if (stage instanceof Settles) {
                    ForwardingStage.cancel(stage);
                }
            }
            return cancelled;
        }

        /** Completed by its holder while queued: it gives up its place. */
        @Override
        public boolean complete(V value) {
            boolean completed = super.complete(value);
            if (completed) {
                permits.leave(waiter);
            }
            return completed;
        }

        /** Failed by its holder while queued (say by {@code orTimeout}): it gives up its place. */
        @Override
        public boolean completeExceptionally(Throwable failure) {
            boolean completed = super.completeExceptionally(failure);
            if (completed) {
                permits.leave(waiter);
            }
            return completed;
        }
    }
}
