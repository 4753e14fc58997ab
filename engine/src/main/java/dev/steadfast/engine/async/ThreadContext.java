package dev.steadfast.engine.async;

import java.util.Objects;

/**
 * Makes a thread ready to run an asynchronous body (the CDI request context, for instance) and undoes it afterwards.
 * The engine knows nothing of what is activated.
 */
public interface ThreadContext {

    /** Activates nothing. */
    ThreadContext NONE = new ThreadContext() {
        @Override
        public Object activate() {
            return null;
        }

        @Override
        public void deactivate(Object token) {
        }
    };

    /**
     * Called on the executor's thread before the body; returns what {@link #deactivate} needs. May throw: then the
     * body does not run and the call fails with what it threw.
     */
    Object activate();

    /**
     * Called on the same thread after the body (only if {@link #activate()} returned), with what it returned. May
     * throw: the failure is logged, and the call's outcome and its bulkhead permit are unaffected.
     */
    void deactivate(Object token);

    /**
     * {@code inner}, run with {@code loader} as the thread's context class loader (the application's: Steadfast's
     * threads carry none of their own); the thread's previous context class loader is put back afterwards.
     */
    static ThreadContext withContextClassLoader(ClassLoader loader, ThreadContext inner) {
        return new ContextClassLoader(Objects.requireNonNull(loader, "loader"), Objects.requireNonNull(inner, "inner"));
    }
}
