package dev.steadfast;

import java.lang.reflect.Method;
import java.util.Optional;

/** What a {@link FallbackHandler} knows about the failed call. Valid only during {@link FallbackHandler#handle}. */
public interface FallbackContext {

    /** The guarded operation as messages name it, e.g. {@code com.acme.Quotes#fetch(String)}. */
    String name();

    /** The guarded method; empty for a programmatic guard. */
    Optional<Method> method();

    /** The arguments of the call; an empty array when there are none. Do not modify. */
    Object[] arguments();

    /** The failure that triggered the fallback, as the caller would have received it. */
    Throwable failure();
}
