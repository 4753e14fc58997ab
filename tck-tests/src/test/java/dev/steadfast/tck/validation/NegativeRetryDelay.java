package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class NegativeRetryDelay {

    @Retry(delay = -5)
    public String fetch() {
        return "x";
    }
}
