package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class MaxDurationNotAboveDelay {

    @Retry(delay = 500, maxDuration = 500)
    public String fetch() {
        return "x";
    }
}
