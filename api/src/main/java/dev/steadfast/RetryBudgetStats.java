package dev.steadfast;

/**
 * The counters of a retry budget since it was created.
 *
 * @param deposits    calls that deposited (first attempts)
 * @param withdrawals retries the budget allowed
 * @param refusals    retries the budget refused (each ended its call)
 */
public record RetryBudgetStats(long deposits, long withdrawals, long refusals) {
}
