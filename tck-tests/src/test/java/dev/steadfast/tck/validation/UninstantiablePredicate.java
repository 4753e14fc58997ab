package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class UninstantiablePredicate {

    @Retry(retryOnResult = NeedsArgumentPredicate.class)
    public String fetch() {
        return "x";
    }
}
