package dev.steadfast.engine.async;

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

    /** Called on the executor's thread before the body; returns what {@link #deactivate} needs. */
    Object activate();

    /** Called on the same thread after the body, with what {@link #activate()} returned. */
    void deactivate(Object token);
}
