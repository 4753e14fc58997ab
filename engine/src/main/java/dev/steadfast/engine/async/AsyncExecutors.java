package dev.steadfast.engine.async;

import dev.steadfast.ExecutorFullException;
import dev.steadfast.engine.SteadfastThreads;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The asynchronous executors of one engine: the executor asynchronous bodies run on, and the hand-off of the timer's
 * work, which must never run on the timer's thread.
 *
 * <p><b>Bodies</b> run on the executor {@code preferred} supplies, asked once, on the first asynchronous call (an
 * application's {@code AsyncExecutorProvider}, a container's {@code ManagedExecutorService}); when it supplies
 * {@code null}, on Steadfast's own: virtual threads on Java 21+ (found at run time, so the code still compiles for
 * 17), else a pool of {@link #POOL_THREADS} daemon threads that shrinks to none when idle, with a bounded queue: a
 * call beyond it fails at once with {@link ExecutorFullException} instead of waiting behind thousands of others.
 * Every thread of Steadfast's own is made by {@link SteadfastThreads}: no inherited thread locals, no application
 * class loader.
 *
 * <p><b>Hand-offs</b> ({@link #handOff}) go to the same executor once it is known, and ahead of the queue when it is
 * Steadfast's own pool (a timeout must not wait behind the bodies it cuts short); never counted against the queue's
 * bound. Before the first asynchronous call has chosen the executor they go to Steadfast's own: choosing asks the
 * application ({@code preferred} looks up a provider bean, or the container's executor in JNDI, which needs an
 * application's thread), so it is never done for a hand-off. When the chosen executor refuses one, Steadfast's own
 * takes it. Only after {@link #shutdown()} is a hand-off refused.
 *
 * <p>Thread-safe. {@link #shutdown()} stops Steadfast's own executor (running bodies are interrupted, queued ones
 * dropped); an executor {@code preferred} supplied belongs to its supplier and is never shut down here.
 */
public final class AsyncExecutors {

    /** The name of Steadfast's own executor, and the prefix of its threads' names. */
    public static final String NAME = "steadfast-async";
    /** The threads of Steadfast's own pool (Java 17 to 20). */
    public static final int POOL_THREADS = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
    /** The default capacity of the pool's queue, per core. */
    public static final int QUEUE_PER_CORE = 1024;

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    /** How long {@link #shutdown()} waits for the threads of Steadfast's own executor to end. */
    private static final long SHUTDOWN_WAIT_SECONDS = 5;
    /** Set on the threads of Steadfast's own executors: {@link #shutdown()} called on one does not wait for itself. */
    private static final ThreadLocal<Boolean> OWN_THREAD = new ThreadLocal<>();

    private final Supplier<Executor> preferred;
    private final int queueCapacity;
    private final Object resolving = new Object();
    /** The executor bodies run on, once chosen; read without a lock by {@link #handOff}. */
    private volatile Executor chosen;

    // Guarded by this; never held while application code runs.
    private ExecutorService own;
    private boolean shutdown;

    /** Steadfast's own executor only, with the default queue. */
    public AsyncExecutors() {
        this(() -> null, defaultQueueCapacity());
    }

    /**
     * @param preferred     supplies, when first needed, the executor for bodies, or {@code null} for Steadfast's own
     * @param queueCapacity calls that may wait in Steadfast's own pool (Java 17 to 20) for a thread, at least 1
     */
    public AsyncExecutors(Supplier<Executor> preferred, int queueCapacity) {
        this.preferred = Objects.requireNonNull(preferred, "preferred");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the executor's queue must hold at least 1 call: " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
    }

    /** {@value #QUEUE_PER_CORE} per available processor. */
    public static int defaultQueueCapacity() {
        return QUEUE_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /**
     * The executor for asynchronous bodies, chosen on the first call.
     *
     * @throws RejectedExecutionException after {@link #shutdown()}
     */
    public Executor executor() {
        Executor e = chosen;
        if (e != null) {
            return e;
        }
        synchronized (resolving) {
            e = chosen;
            if (e == null) {
                Executor supplied = preferred.get();
                e = supplied != null ? supplied : own();
                chosen = e;
            }
            return e;
        }
    }

    /**
     * Runs {@code work} from the timer (it may run user code) on an executor thread, never on the calling thread.
     *
     * @throws RejectedExecutionException only after {@link #shutdown()}
     */
    public void handOff(Runnable work) {
        Executor e = chosen;
        if (e == null) {
            // Not chosen yet: choosing asks the application (a provider bean, the container's JNDI), which must happen
            // on an application's thread, on the first asynchronous call, never on the timer's or one of ours.
            ownFirst(work);
            return;
        }
        if (e instanceof BoundedPool pool) {
            pool.executeFirst(work);
            return;
        }
        try {
            e.execute(work);
        } catch (RuntimeException refused) {
            if (isShutdown()) {
                throw refused;
            }
            // The application's executor is saturated or stopped; Steadfast's own runs the work instead.
            ownFirst(work);
        }
    }

    /** Runs {@code work} on Steadfast's own executor, ahead of its queue. */
    private void ownFirst(Runnable work) {
        ExecutorService o = own();
        if (o instanceof BoundedPool pool) {
            pool.executeFirst(work);
        } else {
            o.execute(work);
        }
    }

    /** Whether bodies run on Steadfast's own virtual threads. */
    public synchronized boolean usesVirtualThreads() {
        return own != null && chosen == own && !(own instanceof ThreadPoolExecutor);
    }

    /**
     * Stops Steadfast's own executor, if it was created: running bodies are interrupted, queued ones dropped, and its
     * threads are given up to 5 s to end (a body that ignores the interrupt may run on). Afterwards everything is
     * refused. Idempotent.
     */
    public void shutdown() {
        ExecutorService stopping;
        synchronized (this) {
            shutdown = true;
            stopping = own;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        if (OWN_THREAD.get() == null) {
            try {
                stopping.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code task}, marking the thread that runs it as one of Steadfast's own executor. */
    private static Runnable marked(Runnable task) {
        return () -> {
            OWN_THREAD.set(Boolean.TRUE);
            task.run();
        };
    }

    private synchronized boolean isShutdown() {
        return shutdown;
    }

    private synchronized ExecutorService own() {
        if (shutdown) {
            throw new RejectedExecutionException("Steadfast's executor has been shut down with its engine");
        }
        if (own == null) {
            ExecutorService virtual = virtualThreadExecutor();
            own = virtual != null ? virtual : new BoundedPool(POOL_THREADS, queueCapacity);
            LOG.log(Level.DEBUG, () -> "Steadfast started its own executor: " + own);
        }
        return own;
    }

    /**
     * Steadfast's own pool for Java 17 to 20 with a bounded queue, for tests: {@code threads} threads, up to
     * {@code queueCapacity} bodies waiting.
     */
    static ExecutorService boundedPool(int threads, int queueCapacity) {
        return new BoundedPool(threads, queueCapacity);
    }

    /** Runs {@code task} on {@code pool} ahead of its queue, as a hand-off does; for tests. */
    static void handOffTo(ExecutorService pool, Runnable task) {
        ((BoundedPool) pool).executeFirst(task);
    }

    /**
     * {@code Executors.newThreadPerTaskExecutor(factory)} with a factory from
     * {@code Thread.ofVirtual().name("steadfast-async-", 1).inheritInheritableThreadLocals(false)}, whose threads'
     * context class loader is Steadfast's own; {@code null} before Java 21.
     */
    static ExecutorService virtualThreadExecutor() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderClass = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtualClass = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualClass))
                    .invoke();
            MethodHandle name = lookup.findVirtual(ofVirtualClass, "name",
                    MethodType.methodType(ofVirtualClass, String.class, long.class));
            builder = name.invoke(builder, NAME + "-", 1L);
            MethodHandle noInheritance = lookup.findVirtual(ofVirtualClass, "inheritInheritableThreadLocals",
                    MethodType.methodType(ofVirtualClass, boolean.class));
            builder = noInheritance.invoke(builder, false);
            ThreadFactory virtual = (ThreadFactory) lookup
                    .findVirtual(builderClass, "factory", MethodType.methodType(ThreadFactory.class)).invoke(builder);
            ClassLoader ownLoader = SteadfastThreads.ownLoader();
            ThreadFactory factory = task -> {
                // A virtual thread takes its creator's context class loader; give it Steadfast's instead.
                Thread t = virtual.newThread(marked(task));
                t.setContextClassLoader(ownLoader);
                return t;
            };
            return (ExecutorService) lookup.findStatic(java.util.concurrent.Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class)).invoke(factory);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17-20: no virtual threads
        } catch (Throwable e) {
            return null;
        }
    }

    /**
     * The pool of Java 17 to 20: daemon threads that end after 30 s idle, a FIFO queue of at most
     * {@code queueCapacity} bodies waiting for a thread (a body beyond it is refused with
     * {@link ExecutorFullException}), and hand-offs that go ahead of the queued bodies, uncounted.
     */
    private static final class BoundedPool extends ThreadPoolExecutor {

        private final int threads;
        private final int queueCapacity;

        BoundedPool(int threads, int queueCapacity) {
            super(threads, threads, 30, TimeUnit.SECONDS, new Queue(queueCapacity), markedThreads(),
                    (task, pool) -> {
                        if (pool.isShutdown()) {
                            throw new RejectedExecutionException("Steadfast's executor has been shut down with its"
                                    + " engine");
                        }
                        throw new ExecutorFullException(NAME, threads, queueCapacity);
                    });
            this.threads = threads;
            this.queueCapacity = queueCapacity;
            allowCoreThreadTimeOut(true);
        }

        /** A hand-off: never refused for the bound, and placed ahead of the bodies waiting. */
        void executeFirst(Runnable work) {
            execute(new HandOff(work));
        }

        private static ThreadFactory markedThreads() {
            ThreadFactory threads = SteadfastThreads.factory(NAME + "-");
            return worker -> threads.newThread(marked(worker));
        }

        @Override
        public String toString() {
            return NAME + "[" + threads + " threads, queue of " + queueCapacity + "]";
        }
    }

    /**
     * Work handed off by the timer, told apart from bodies by the pool's queue. A class, not a record: the queue may
     * compare it ({@code remove}), and a record's generated {@code equals} is cached by the JDK, which would keep this
     * class, and an application's loader it was deployed in, reachable.
     */
    private static final class HandOff implements Runnable {

        private final Runnable work;

        HandOff(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            work.run();
        }
    }

    /**
     * The pool's queue: {@link #offer} (how {@link ThreadPoolExecutor#execute} queues a task when every thread is
     * busy) admits a body only while fewer than {@code capacity} bodies wait, and puts a hand-off first, unbounded.
     * {@link #bodies} counts the bodies in the queue: incremented when one is admitted, decremented when one leaves it
     * (taken by a thread, or removed).
     */
    private static final class Queue extends LinkedBlockingDeque<Runnable> {

        private static final long serialVersionUID = 1L;

        private final int capacity;
        private final AtomicInteger bodies = new AtomicInteger();

        Queue(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean offer(Runnable task) {
            if (task instanceof HandOff) {
                return super.offerFirst(task);
            }
            // Count first, then check: two callers racing for the last place cannot both get it.
            if (bodies.incrementAndGet() > capacity) {
                bodies.decrementAndGet();
                return false; // the pool refuses it: ExecutorFullException
            }
            return super.offer(task);
        }

        @Override
        public Runnable take() throws InterruptedException {
            return left(super.take());
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            return left(super.poll(timeout, unit));
        }

        @Override
        public Runnable poll() {
            return left(super.poll());
        }

        @Override
        public boolean remove(Object task) {
            boolean removed = super.remove(task);
            if (removed && !(task instanceof HandOff)) {
                bodies.decrementAndGet();
            }
            return removed;
        }

        private Runnable left(Runnable task) {
            if (task != null && !(task instanceof HandOff)) {
                bodies.decrementAndGet();
            }
            return task;
        }
    }
}
