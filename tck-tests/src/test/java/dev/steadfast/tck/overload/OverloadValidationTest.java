package dev.steadfast.tck.overload;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Broken overload controls fail the deployment, naming the annotation, member, method, value and rule. */
class OverloadValidationTest {

    @Test
    void aRetryBudgetWithoutARetryFailsTheDeployment() {
        assertEquals(List.of("@RetryBudget on " + BudgetWithoutRetry.class.getName() + "#fetch(): there is no @Retry"
                        + " to ration; add @Retry to the method, its class or a stereotype"),
                TestContainer.deploymentErrors(BudgetWithoutRetry.class));
    }

    @Test
    void aRatioOutsideZeroToOneAndAnEmptyWindowFailTheDeployment() {
        assertEquals(List.of(at(BadBudget.class, "@RetryBudget.ratio") + "1.5 is not within [0, 1]",
                        at(BadBudget.class, "@RetryBudget.window") + "0 is not positive; deposits must count for some"
                                + " time"),
                TestContainer.deploymentErrors(BadBudget.class));
    }

    @Test
    void aNamedBudgetsConfigValueIsReportedWithItsKey() {
        assertEquals(List.of(at(Quotes.class, "@RetryBudget.minPerSecond", "fetch") + "-1 (from config key"
                                + " steadfast.retry-budget.\"quotes\".min-per-second) is negative; use 0 for no reserve",
                        at(Quotes.class, "@RetryBudget.minPerSecond", "other") + "-1 (from config key"
                                + " steadfast.retry-budget.\"quotes\".min-per-second) is negative; use 0 for no reserve"),
                TestContainer.deploymentErrors(Map.of("steadfast.retry-budget.\"quotes\".min-per-second", "-1"),
                        Quotes.class).stream().sorted().toList());
    }

    @Test
    void anAdaptiveBulkheadWithABulkheadFailsTheDeployment() {
        assertEquals(List.of("@AdaptiveBulkhead on " + TwoLimits.class.getName() + "#fetch(): together with"
                        + " @Bulkhead; a method has one concurrency limit, use one or the other"),
                TestContainer.deploymentErrors(TwoLimits.class));
    }

    @Test
    void aMaximumBelowTheMinimumFailsTheDeployment() {
        assertEquals(List.of(at(BadAdaptive.class, "@AdaptiveBulkhead.maxLimit")
                        + "5 is below minLimit 10; the limit needs room to move"),
                TestContainer.deploymentErrors(BadAdaptive.class));
    }

    @Test
    void aKeyedBreakerWithoutABreakerFailsTheDeployment() {
        assertEquals(List.of("@KeyedBreaker on " + KeyWithoutBreaker.class.getName() + "#fetch(String): there is no"
                        + " @CircuitBreaker to key; add @CircuitBreaker to the method, its class or a stereotype"),
                TestContainer.deploymentErrors(KeyWithoutBreaker.class));
    }

    @Test
    void twoKeyParametersFailTheDeployment() {
        assertEquals(List.of("@BreakerKey on " + TwoKeys.class.getName() + "#fetch(String, String): 2 parameters are"
                        + " marked @BreakerKey ([0, 1]); mark one, or compute the key with"
                        + " @KeyedBreaker(keyFunction = ...)"),
                TestContainer.deploymentErrors(TwoKeys.class));
    }

    @Test
    void aKeyedBreakerWithNoKeyFailsTheDeployment() {
        assertEquals(List.of(at(NoKey.class, "@KeyedBreaker.keyFunction", "fetch(String)") + "names no key function"
                        + " and no parameter is marked @BreakerKey; mark the parameter that selects the breaker"),
                TestContainer.deploymentErrors(NoKey.class));
    }

    @Test
    void maxKeysBelowOneFromConfigFailsTheDeployment() {
        assertEquals(List.of(at(Tenants.class, "@KeyedBreaker.maxKeys", "fetch(String, boolean)") + "0 (from config"
                        + " key steadfast.circuit-breaker.\"tenants\".max-keys) is below 1; a keyed breaker must hold at"
                        + " least one key"),
                TestContainer.deploymentErrors(Map.of("steadfast.circuit-breaker.\"tenants\".max-keys", "0"),
                        Tenants.class));
    }

    @Test
    void methodsNamingOneBreakerMustKeyItAlike() {
        List<String> errors = TestContainer.deploymentErrors(KeyedHalf.class);

        assertEquals(1, errors.size(), errors.toString());
        String m = errors.get(0);
        assertEquals(true, m.startsWith("@CircuitBreaker(name = \"half\") on "), m);
        assertEquals(true, m.contains(" disagree: keyed on "), m);
    }

    static String at(Class<?> bean, String member) {
        return at(bean, member, "fetch()");
    }

    static String at(Class<?> bean, String member, String method) {
        String m = method.contains("(") ? method : method + "()";
        return member + " on " + bean.getName() + "#" + m + ": ";
    }
}
