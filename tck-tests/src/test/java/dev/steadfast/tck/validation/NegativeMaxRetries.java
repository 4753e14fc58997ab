package dev.steadfast.tck.validation;

import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class NegativeMaxRetries {

    @Retry(maxRetries = -2)
    public String fetch() {
        return "x";
    }
}
