package dev.steadfast.tck.validation;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** A handler of {@code Integer} results. */
public class IntegerHandler implements FallbackHandler<Integer> {

    @Override
    public Integer handle(FallbackContext context) {
        return 0;
    }
}
