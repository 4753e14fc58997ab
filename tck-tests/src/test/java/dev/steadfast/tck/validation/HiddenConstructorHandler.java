package dev.steadfast.tck.validation;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

/** Public, but only its own code may create it. */
public class HiddenConstructorHandler implements FallbackHandler<String> {

    private HiddenConstructorHandler() {
    }

    @Override
    public String handle(FallbackContext context) {
        return "hidden";
    }
}
