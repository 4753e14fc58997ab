package dev.steadfast.engine;

import dev.steadfast.FallbackApplied;

/**
 * The guarded call as the engine sees it. {@link #proceed()} may be called more than once (retries), possibly from
 * another thread (asynchronous retries).
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface Invocation<V> {

    Object[] NO_ARGUMENTS = new Object[0];

    /** What {@link #startNanos()} returns when the front end did not measure the call's start. */
    long UNTIMED = Long.MIN_VALUE;

    /** Runs the guarded body once. */
    V proceed() throws Exception;

    /** The call's arguments, for fallbacks. */
    default Object[] arguments() {
        return NO_ARGUMENTS;
    }

    /** The instance the call is made on, for fallback methods; {@code null} when there is none. */
    default Object target() {
        return null;
    }

    /**
     * When the call entered the guard, on the engine's clock, if whoever made this invocation read the clock anyway
     * (an observed operation, a programmatic guard asked for a {@code Degraded} answer); else {@link #UNTIMED}. Lets
     * the fallback strategy say how long the guarded part took without a clock reading of its own.
     */
    default long startNanos() {
        return UNTIMED;
    }

    /**
     * A fallback answered for this call, before its answer is returned (or its stage completed). Called at most once
     * per call, on the thread that ran the fallback; the default ignores it. A front end that must tell the caller
     * (a programmatic guard's {@code callDegradable}) keeps it.
     */
    default void fallbackApplied(FallbackApplied event) {
    }
}
