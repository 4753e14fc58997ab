package dev.steadfast.engine.breaker;

import dev.steadfast.engine.Invocation;

/**
 * Selects the key of a call of a keyed circuit breaker, from its invocation (the {@code @BreakerKey} argument, or a
 * key function of the arguments). Called once per call; must be fast, thread-safe and side-effect free. A
 * {@code null} key is the key {@code "null"}.
 */
@FunctionalInterface
public interface BreakerKeySelector {

    Object keyOf(Invocation<?> invocation);

    /** The argument at {@code index} is the key. */
    static BreakerKeySelector argument(int index) {
        return invocation -> invocation.arguments()[index];
    }
}
