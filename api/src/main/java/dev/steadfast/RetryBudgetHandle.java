package dev.steadfast;

/** An operator's view of one retry budget. Thread-safe; reading never blocks and never changes the budget. */
public interface RetryBudgetHandle {

    /** The registry name. */
    String name();

    /** Retries that could be made now: the reserve plus live deposits × ratio, minus live withdrawals; never below 0. */
    double balance();

    /** Counters since the budget was created. */
    RetryBudgetStats stats();
}
