package dev.steadfast;

/**
 * CDI event fired when a {@link RetryBudget} refuses a retry, ending the call; observe it with
 * {@code @Observes RetryRefused}. An observer that throws is logged and never breaks the guarded call.
 *
 * @param method  the guarded method, as {@code com.acme.Quotes#fetch(String)}
 * @param attempt the attempt that failed and was not retried, 1 for the first
 * @param budget  the budget's registry name
 */
public record RetryRefused(String method, int attempt, String budget) {
}
