package dev.steadfast.it.app;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** The fallback of {@link LoopbackClient#withFallback}: {@code cached:<key>}. */
public class CachedAnswer implements FallbackHandler<String> {

    @Override
    public String handle(FallbackContext context) {
        return "cached:" + context.arguments()[0];
    }
}
