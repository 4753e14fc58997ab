package dev.steadfast.impl.cdi;

import dev.steadfast.FallbackContext;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * What a fallback handler, or a fallback method that takes a {@link FallbackContext}, sees of the failed call; one per
 * fallback tried, created on the failure path only.
 */
record CallContext(String name, Method guarded, Object[] arguments, Throwable failure) implements FallbackContext {

    @Override
    public Optional<Method> method() {
        return Optional.of(guarded);
    }
}
