package dev.steadfast.tck.fallback;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** A handler whose own failure reaches the caller. */
public class FailingHandler implements FallbackHandler<String> {

    @Override
    public String handle(FallbackContext context) {
        throw new UnsupportedOperationException("no fallback for " + context.name());
    }
}
