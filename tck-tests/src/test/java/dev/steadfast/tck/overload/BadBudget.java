package dev.steadfast.tck.overload;

import dev.steadfast.Retry;
import dev.steadfast.RetryBudget;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BadBudget {

    @Retry
    @RetryBudget(ratio = 1.5, window = 0)
    public String fetch() {
        return "x";
    }
}
