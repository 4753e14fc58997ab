package dev.steadfast.engine.retry;

import dev.steadfast.RetryBudgetHandle;
import dev.steadfast.RetryBudgets;
import dev.steadfast.engine.time.Clock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every retry budget of one engine by registry name: the one place where a budget shared by name is created, so that
 * every method and guard naming it draws on the same tokens. Thread-safe.
 */
public final class RetryBudgetRegistry implements RetryBudgets {

    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();
    private final Clock clock;

    public RetryBudgetRegistry(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The budget registered under {@code name}, created with {@code policy} if there is none yet.
     *
     * @throws IllegalArgumentException when a budget of that name exists with another policy
     */
    public RetryBudget getOrCreate(String name, RetryBudgetPolicy policy) {
        RetryBudget b = budgets.computeIfAbsent(name, n -> new RetryBudget(n, policy, clock));
        if (!b.policy().equals(policy)) {
            throw new IllegalArgumentException("Retry budget '" + name + "' already exists with " + b.policy()
                    + "; it cannot also have " + policy + "; give every method and guard naming it the same values,"
                    + " or set them once with steadfast.retry-budget.\"" + name + "\".<member>");
        }
        return b;
    }

    /** Every budget back to its reserve, counters cleared (test support, under an engine hook). */
    public void reset() {
        budgets.values().forEach(RetryBudget::reset);
    }

    @Override
    public Optional<RetryBudgetHandle> find(String name) {
        return Optional.ofNullable(budgets.get(name));
    }

    @Override
    public RetryBudgetHandle get(String name) {
        RetryBudget b = budgets.get(name);
        if (b == null) {
            throw new NoSuchElementException("No retry budget named '" + name + "'; known: "
                    + new TreeSet<>(budgets.keySet()));
        }
        return b;
    }

    @Override
    public Collection<RetryBudgetHandle> all() {
        List<RetryBudgetHandle> all = new ArrayList<>(budgets.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(all);
    }
}
