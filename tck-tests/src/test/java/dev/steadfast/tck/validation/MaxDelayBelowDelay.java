package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class MaxDelayBelowDelay {

    @Retry(delay = 100, maxDelay = 50)
    public String fetch() {
        return "x";
    }
}
