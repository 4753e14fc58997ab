package dev.steadfast.tck.degradation;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** Answers a plain {@code String} for a method that declares {@code Degraded<String>}. */
public class DeskHandler implements FallbackHandler<String> {

    @Override
    public String handle(FallbackContext context) {
        return "handled " + context.arguments()[0];
    }
}
