package dev.steadfast.engine;

import dev.steadfast.engine.async.AsyncExecutors;
import dev.steadfast.engine.observe.ServiceObservers;
import dev.steadfast.spi.ObserverContext;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * Which engine a front end without one of its own (a programmatic guard) builds on: the engine of the application
 * whose class loader builds it. One Steadfast jar may serve several applications (a server-wide library), so there
 * is no engine for the JVM, only one per application:
 *
 * <ol>
 * <li>a CDI container {@linkplain #register registers} its engine under its application's class loader (the context
 * class loader it was deployed with) while it runs; a guard built with that loader, or a loader below it (a module of
 * the application), as the thread's context class loader joins it, so that a named breaker is one breaker for
 * annotated methods and guards alike. When several containers registered the same loader, the latest one still
 * running is taken;</li>
 * <li>otherwise the guard joins the <em>standalone</em> engine of that context class loader, created on first use.
 * Its daemon threads stop when idle; {@link #shutdown(ClassLoader)} (through {@code Steadfast.shutdown()}) stops it
 * at once. It is held here only weakly: the guards built on it hold it, so when an application is gone with its
 * guards, its standalone engine and class loader can be collected, with nothing of Steadfast's keeping them.</li>
 * </ol>
 *
 * A thread without a context class loader counts as Steadfast's own loader. Looking an engine up takes a lock: it
 * happens when a guard is built, never per call.
 */
public final class Engines {

    /** The system property that sizes the queue of a standalone engine's own pool (Java 17 to 20). */
    public static final String EXECUTOR_QUEUE_PROPERTY = "steadfast.executor.queue-size";

    private static final Object LOCK = new Object();
    /** Containers' engines by application loader, the latest last. Guarded by LOCK. */
    private static final Map<ClassLoader, Deque<Engine>> CONTAINERS = new WeakHashMap<>();
    /** Standalone engines by loader, held weakly (their guards hold them). Guarded by LOCK. */
    private static final Map<ClassLoader, WeakReference<Engine>> STANDALONE = new WeakHashMap<>();

    private Engines() {
    }

    /** The engine a guard built now, on this thread, joins (creating a standalone one if needed). */
    public static Engine current() {
        return forLoader(contextLoader());
    }

    /**
     * The engine for {@code loader}: the container registered for it or a parent, else its standalone engine,
     * created if there is none (or it was shut down).
     */
    public static Engine forLoader(ClassLoader loader) {
        ClassLoader l = orOwn(loader);
        synchronized (LOCK) {
            Engine e = existing(l);
            if (e != null) {
                return e;
            }
        }
        // Created outside the lock: creating one starts the metrics observers, which may take a while (or look up
        // the registry themselves). Two threads racing keep the first engine; the other is closed unused.
        Engine created = createStandalone(l);
        synchronized (LOCK) {
            Engine e = existing(l);
            if (e == null) {
                STANDALONE.put(l, new WeakReference<>(created));
                return created;
            }
            created.close();
            return e;
        }
    }

    /**
     * The engine a guard built with {@code loader} would join, if it exists already; {@code null} otherwise (nothing
     * is created).
     */
    public static Engine find(ClassLoader loader) {
        synchronized (LOCK) {
            return existing(orOwn(loader));
        }
    }

    /**
     * Registers a container's engine for {@code application}, its class loader, until the returned registration is
     * closed (at the container's shutdown).
     */
    public static Registration register(ClassLoader application, Engine engine) {
        Objects.requireNonNull(engine, "engine");
        ClassLoader l = orOwn(application);
        synchronized (LOCK) {
            CONTAINERS.computeIfAbsent(l, k -> new ArrayDeque<>()).addLast(engine);
        }
        return new Registration(l, engine);
    }

    /**
     * Closes the standalone engine of {@code loader}, if there is one: pending asynchronous calls fail, its threads
     * stop. Guards built on it fail from then on; guards built afterwards get a new one. Containers' engines are
     * not touched (their container stops them).
     *
     * @return whether there was one to close
     */
    public static boolean shutdown(ClassLoader loader) {
        Engine e;
        synchronized (LOCK) {
            WeakReference<Engine> ref = STANDALONE.remove(orOwn(loader));
            e = ref == null ? null : ref.get();
        }
        if (e == null) {
            return false;
        }
        e.close();
        return true;
    }

    /** The thread's context class loader, or Steadfast's own when it has none. */
    public static ClassLoader contextLoader() {
        return orOwn(Thread.currentThread().getContextClassLoader());
    }

    /** Under LOCK. */
    private static Engine existing(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            Deque<Engine> containers = CONTAINERS.get(l);
            if (containers != null) {
                for (var it = containers.descendingIterator(); it.hasNext(); ) {
                    Engine e = it.next();
                    if (!e.isClosed()) {
                        return e;
                    }
                }
            }
        }
        WeakReference<Engine> ref = STANDALONE.get(loader);
        Engine e = ref == null ? null : ref.get();
        if (e != null && e.isClosed()) {
            STANDALONE.remove(loader);
            return null;
        }
        return e;
    }

    private static ClassLoader orOwn(ClassLoader loader) {
        return loader != null ? loader : Engines.class.getClassLoader();
    }

    /**
     * A standalone engine for {@code loader}: real time (a test's hook on the thread that happens to create it must
     * not become every later guard's clock), the observers listed in {@code META-INF/services} as {@code loader}
     * sees them (the metrics modules), and {@code loader} as the context class loader of its asynchronous work.
     */
    private static Engine createStandalone(ClassLoader loader) {
        int queue = executorQueue();
        Engine e = EngineHooks.withoutHook(() -> Engine.builder(new LoggingListener()).application(loader)
                .executorQueue(queue).create());
        e.observe(ServiceObservers.started(ServiceObservers.load(loader), ObserverContext.NONE));
        return e;
    }

    /**
     * The system property {@value #EXECUTOR_QUEUE_PROPERTY}, or the default.
     *
     * @throws IllegalArgumentException naming the property, the value and the rule when it is not a whole number of at
     *                                  least 1 (the guard being built fails with it)
     */
    private static int executorQueue() {
        String value = System.getProperty(EXECUTOR_QUEUE_PROPERTY);
        if (value == null || value.isBlank()) {
            return AsyncExecutors.defaultQueueCapacity();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("System property " + EXECUTOR_QUEUE_PROPERTY + ": '" + value
                + "' is not a whole number of at least 1 (asynchronous calls that may wait for a thread of Steadfast's"
                + " own pool)");
    }

    /** A container's engine registered for its application; {@link #close()} takes it back. */
    public static final class Registration implements AutoCloseable {

        private final ClassLoader loader;
        private final Engine engine;

        private Registration(ClassLoader loader, Engine engine) {
            this.loader = loader;
            this.engine = engine;
        }

        /** Unregisters the engine (it is not closed here). Idempotent. */
        @Override
        public void close() {
            synchronized (LOCK) {
                Deque<Engine> containers = CONTAINERS.get(loader);
                if (containers != null) {
                    containers.remove(engine);
                    if (containers.isEmpty()) {
                        CONTAINERS.remove(loader);
                    }
                }
            }
        }
    }
}
