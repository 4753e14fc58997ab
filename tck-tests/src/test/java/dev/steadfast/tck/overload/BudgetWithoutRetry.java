package dev.steadfast.tck.overload;

import dev.steadfast.RetryBudget;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BudgetWithoutRetry {

    @RetryBudget(name = "lonely")
    public String fetch() {
        return "x";
    }
}
