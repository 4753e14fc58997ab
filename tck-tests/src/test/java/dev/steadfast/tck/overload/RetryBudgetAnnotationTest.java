package dev.steadfast.tck.overload;

import dev.steadfast.RetryBudgetHandle;
import dev.steadfast.RetryBudgetStats;
import dev.steadfast.RetryBudgets;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.RetryRefused;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @RetryBudget} next to {@code @Retry}: shared by name, listed by {@link RetryBudgets}, set by config. */
class RetryBudgetAnnotationTest {

    private static final String FETCH = Quotes.class.getName() + "#fetch()";

    @Test
    void anEmptyBudgetEndsTheCallAsExhaustedNamingTheBudgetAndFiresRetryRefused() {
        try (TestContainer c = TestContainer.start(Quotes.class, Refusals.class)) {
            Quotes quotes = c.select(Quotes.class);

            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, quotes::fetch);

            assertEquals(2, quotes.attempts(), "the reserve of 1 × 1 s paid one retry");
            assertEquals("quotes", e.getRetryBudget().orElseThrow());
            assertTrue(e.isBudgetExhausted());
            assertEquals(List.of(new RetryRefused(FETCH, 2, "quotes")), c.select(Refusals.class).refused());
        }
    }

    @Test
    void methodsNamingOneBudgetShareItAndTheRegistryListsEveryBudget() {
        try (TestContainer c = TestContainer.start(Quotes.class)) {
            Quotes quotes = c.select(Quotes.class);
            assertThrows(RetryExhaustedException.class, quotes::fetch);
            quotes.reset();

            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, quotes::other);

            assertEquals(1, quotes.attempts(), "fetch spent the shared reserve");
            assertTrue(e.isBudgetExhausted());
            RetryBudgets budgets = c.select(RetryBudgets.class);
            assertEquals(List.of(Quotes.class.getName() + "#own", "quotes"),
                    budgets.all().stream().map(RetryBudgetHandle::name).toList());
            assertEquals(new RetryBudgetStats(2, 1, 2), budgets.get("quotes").stats());
        }
    }

    @Test
    void theNamedBudgetsConfigKeysSetItsMembersForEveryMethodNamingIt() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.retry-budget.\"quotes\".min-per-second", "3"),
                Quotes.class)) {
            Quotes quotes = c.select(Quotes.class);

            assertThrows(RetryExhaustedException.class, quotes::fetch);

            assertEquals(4, quotes.attempts(), "a reserve of 3 pays for all three retries");
        }
    }

    @Test
    void aMethodsOwnBudgetWithTheDefaultsAllowsTheRetriesOfARareFailure() {
        try (TestContainer c = TestContainer.start(Quotes.class)) {
            Quotes quotes = c.select(Quotes.class);

            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, quotes::own);

            assertEquals(3, quotes.attempts());
            assertFalse(e.isBudgetExhausted(), "the count ended it, not the budget (reserve 100)");
        }
    }

    @Test
    void theGlobalKeyDisablesTheRetryAndWithItItsBudget() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.global.retry.enabled", "false"),
                Quotes.class)) {
            assertThrows(java.io.IOException.class, c.select(Quotes.class)::fetch);
            assertTrue(c.select(RetryBudgets.class).all().isEmpty());
        }
    }
}
