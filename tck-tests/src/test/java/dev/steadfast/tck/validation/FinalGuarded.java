package dev.steadfast.tck.validation;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.enterprise.context.Dependent;

@Dependent
public class FinalGuarded {

    @Retry
    @Fallback(fallbackMethod = "backup")
    public final String fetch() {
        return "x";
    }

    String backup() {
        return "backup";
    }
}
