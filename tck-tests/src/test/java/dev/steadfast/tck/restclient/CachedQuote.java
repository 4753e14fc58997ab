package dev.steadfast.tck.restclient;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;
import dev.steadfast.RetryExhaustedException;

/** The fallback of a rest client method: a handler, as a client interface has no instance to hold methods. */
public class CachedQuote implements FallbackHandler<String> {

    @Override
    public String handle(FallbackContext context) {
        Throwable cause = context.failure() instanceof RetryExhaustedException e ? e.getCause() : context.failure();
        return "cached:" + context.arguments()[0] + " after " + cause.getClass().getSimpleName();
    }
}
