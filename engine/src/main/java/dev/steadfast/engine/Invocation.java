package dev.steadfast.engine;

/**
 * The guarded call as the engine sees it. {@link #proceed()} may be called more than once (retries), possibly from
 * another thread (asynchronous retries).
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface Invocation<V> {

    Object[] NO_ARGUMENTS = new Object[0];

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
}
