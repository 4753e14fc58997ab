package dev.steadfast.guard;

import dev.steadfast.engine.retry.RetryBudgetPolicy;

import java.time.Duration;
import java.util.Objects;

/**
 * The retry budget of a {@link Guard}, with {@link dev.steadfast.RetryBudget @RetryBudget}'s defaults and meaning:
 * every call deposits 0.1 retry tokens, every retry withdraws one, both count for 10 s, and a reserve of 10 per second
 * × 10 s is always there; a retry the budget cannot pay for is not made and the call ends in a
 * {@link dev.steadfast.RetryExhaustedException} naming the budget. A {@linkplain #name named} budget is shared with
 * every guard and annotated method naming it (their options must agree); an unnamed one is the guard's own, registered
 * under the guard's name. Needs a {@link Guard.Builder#retry retry}.
 */
public final class RetryBudgetOptions {

    private final RetryBudgetPolicy.Builder policy = RetryBudgetPolicy.builder();
    private String name = "";

    RetryBudgetOptions() {
    }

    /** Shares the budget by name; {@code ""} for the guard's own. */
    public RetryBudgetOptions name(String value) {
        this.name = Objects.requireNonNull(value, "name").trim();
        return this;
    }

    /** Retry tokens each call deposits, in [0, 1]. */
    public RetryBudgetOptions ratio(double value) {
        policy.ratio(value);
        return this;
    }

    /** Retries per second always allowed, 0 or more. */
    public RetryBudgetOptions minPerSecond(int value) {
        policy.minPerSecond(value);
        return this;
    }

    /** How long deposits and withdrawals count: positive, at most a day. */
    public RetryBudgetOptions window(Duration value) {
        policy.window(value);
        return this;
    }

    String registryName(String guardName) {
        return name.isEmpty() ? guardName : name;
    }

    RetryBudgetPolicy toPolicy(Rules rules) {
        rules.check(policy.violations(), member -> "retryBudget " + member);
        return policy.build();
    }
}
