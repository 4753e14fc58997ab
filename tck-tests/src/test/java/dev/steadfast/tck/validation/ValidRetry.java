package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

/** A correct definition, broken by config in the tests. */
@Dependent
public class ValidRetry {

    @Retry
    public String fetch() {
        return "x";
    }
}
