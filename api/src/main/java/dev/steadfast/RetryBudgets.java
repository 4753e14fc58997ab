package dev.steadfast;

import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The registry of every retry budget in the application, injectable ({@code @Inject RetryBudgets budgets}); outside
 * CDI, {@code dev.steadfast.guard.Steadfast.retryBudgets()}. A named budget is registered under its name, a method's
 * own under {@code <fully.qualified.Class>#<method>}, a guard's own under the guard's name. Thread-safe.
 */
public interface RetryBudgets {

    /** The budget registered under {@code name}, or empty. */
    Optional<RetryBudgetHandle> find(String name);

    /**
     * The budget registered under {@code name}.
     *
     * @throws NoSuchElementException when there is none; the message lists the known names
     */
    RetryBudgetHandle get(String name);

    /** Every budget, sorted by name. An unmodifiable snapshot. */
    Collection<RetryBudgetHandle> all();
}
