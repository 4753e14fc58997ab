package dev.steadfast.tck.degradation;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** Answers an {@code Integer}. */
public class CountHandler implements FallbackHandler<Integer> {

    @Override
    public Integer handle(FallbackContext context) {
        return 0;
    }
}
