package dev.steadfast;

/**
 * Produces a result in place of a failed call, named by {@link Fallback#value()}.
 *
 * <p>The handler is a CDI bean when it is one, else instantiated once through its no-arg constructor; one instance
 * serves every call, so it must be thread-safe. Its type argument must be assignable to the guarded method's return
 * type, else the deployment fails.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface FallbackHandler<T> {

    /**
     * @param context the guarded method, its arguments and the failure
     * @return the result to give the caller
     * @throws Exception a failure that propagates to the caller (after the other fallbacks of a chain, if any)
     */
    T handle(FallbackContext context) throws Exception;

    /** The default {@link Fallback#value()}: no handler. Never invoked. */
    final class None implements FallbackHandler<Object> {

        private None() {
        }

        @Override
        public Object handle(FallbackContext context) {
            throw new UnsupportedOperationException("FallbackHandler.None is a marker and is never invoked");
        }
    }
}
