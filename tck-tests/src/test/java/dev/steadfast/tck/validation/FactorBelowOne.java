package dev.steadfast.tck.validation;

import dev.steadfast.Backoff;
import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class FactorBelowOne {

    @Retry(delay = 10, backoff = Backoff.EXPONENTIAL, factor = 0.5)
    public String fetch() {
        return "x";
    }
}
