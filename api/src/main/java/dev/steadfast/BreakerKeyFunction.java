package dev.steadfast;

/**
 * Computes the key of a keyed circuit breaker from a call's arguments, for {@link KeyedBreaker#keyFunction()}: a host
 * from a URI, a tenant from a request object. A CDI bean if it is one, else created once with its public no-argument
 * constructor. Called on every call: must be fast, thread-safe and side-effect free, and return a value with
 * {@code equals}/{@code hashCode} ({@code null} is the key {@code "null"}).
 */
@FunctionalInterface
public interface BreakerKeyFunction {

    /** The key of a call with these arguments (the method's, in order). */
    Object keyOf(Object[] arguments);

    /** The default of {@link KeyedBreaker#keyFunction()}: the {@link BreakerKey} parameter is the key. */
    final class None implements BreakerKeyFunction {

        private None() {
        }

        @Override
        public Object keyOf(Object[] arguments) {
            throw new UnsupportedOperationException("BreakerKeyFunction.None is a marker");
        }
    }
}
