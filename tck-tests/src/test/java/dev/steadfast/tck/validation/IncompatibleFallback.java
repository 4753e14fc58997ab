package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.Dependent;

@Dependent
public class IncompatibleFallback {

    @Fallback(fallbackMethod = "count")
    public String fetch() {
        return "x";
    }

    int count() {
        return 0;
    }
}
