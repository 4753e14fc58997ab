package dev.steadfast.tck.validation;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** A handler of {@code String} results. */
public class StringHandler implements FallbackHandler<String> {

    @Override
    public String handle(FallbackContext context) {
        return "handled";
    }
}
