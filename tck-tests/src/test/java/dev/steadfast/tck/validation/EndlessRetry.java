package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class EndlessRetry {

    @Retry(maxRetries = -1, maxDuration = 0)
    public String fetch() {
        return "x";
    }
}
