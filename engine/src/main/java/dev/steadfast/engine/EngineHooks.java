package dev.steadfast.engine;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where an {@link EngineHook} is installed: per thread, because a container starts on the thread that starts it and
 * test frameworks run test classes in parallel; a hook installed for one test class must not reach a container
 * another class starts at the same moment.
 */
public final class EngineHooks {

    private static final ThreadLocal<EngineHook> CURRENT = new ThreadLocal<>();

    private EngineHooks() {
    }

    /**
     * Installs {@code hook} on the calling thread until the returned installation is closed, which restores whatever
     * was installed before (installations nest).
     */
    public static Installation install(EngineHook hook) {
        Objects.requireNonNull(hook, "hook");
        Installation i = new Installation(Thread.currentThread(), CURRENT.get());
        CURRENT.set(hook);
        return i;
    }

    /** The hook installed on the calling thread, or {@code null}. */
    public static EngineHook current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code action} with no hook on the calling thread, then puts back whatever was installed: for an engine
     * that outlives any one test (the standalone engine of programmatic guards), which must not take a test's clock.
     */
    static <T> T withoutHook(Supplier<T> action) {
        EngineHook installed = CURRENT.get();
        CURRENT.remove();
        try {
            return action.get();
        } finally {
            if (installed != null) {
                CURRENT.set(installed);
            }
        }
    }

    /** One {@link #install}; {@link #close()} on the thread that installed it puts the previous hook back. */
    public static final class Installation implements AutoCloseable {

        private final Thread thread;
        private final EngineHook previous;
        private boolean closed;

        private Installation(Thread thread, EngineHook previous) {
            this.thread = thread;
            this.previous = previous;
        }

        /**
         * Restores the hook installed before this one. Idempotent.
         *
         * @throws IllegalStateException when called on another thread than the one that installed it
         */
        @Override
        public void close() {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("An EngineHook installed on " + thread.getName()
                        + " must be removed on that thread, not on " + Thread.currentThread().getName());
            }
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
