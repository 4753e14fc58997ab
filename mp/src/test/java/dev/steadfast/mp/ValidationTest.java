package dev.steadfast.mp;

import dev.steadfast.mp.beans.Invalid;
import dev.steadfast.mp.support.MpContainer;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

/** Broken definitions fail the deployment with a FaultToleranceDefinitionException that says what is wrong. */
public class ValidationTest {

    @DataProvider
    public Object[][] broken() {
        String p = Invalid.class.getName() + "$";
        return new Object[][] {
            {Invalid.RetryDelayNotBelowMaxDuration.class, "@Retry.maxDuration on " + p
                    + "RetryDelayNotBelowMaxDuration#call(): 500 ms is not above delay 1 s; no retry could start within it"},
            {Invalid.BreakerRatioAboveOne.class, "@CircuitBreaker.failureRatio on " + p
                    + "BreakerRatioAboveOne#call(): 1.5 is not within [0, 1]"},
            {Invalid.BulkheadZero.class, "@Bulkhead.value on " + p + "BulkheadZero#call(): 0 is below 1; a bulkhead must admit at"
                    + " least one call"},
            {Invalid.NegativeTimeout.class, "@Timeout.value on " + p + "NegativeTimeout#call(): -1 ms is negative;"
                    + " times must be 0 or more"},
            {Invalid.AsynchronousString.class, "@Asynchronous on " + p + "AsynchronousString#call(): it returns"
                    + " java.lang.String, but an asynchronous method must return java.util.concurrent.Future or"
                    + " CompletionStage"},
            {Invalid.MissingFallbackMethod.class, "@Fallback.fallbackMethod on " + p + "MissingFallbackMethod#call():"
                    + " no method absent with the parameter types of the guarded method and a compatible return type"
                    + " is visible from " + Invalid.MissingFallbackMethod.class.getName()},
            {Invalid.FallbackMethodWithOtherParameters.class, "@Fallback.fallbackMethod on " + p
                    + "FallbackMethodWithOtherParameters#call(int): no method fallback with the parameter types of the"
                    + " guarded method and a compatible return type is visible from "
                    + Invalid.FallbackMethodWithOtherParameters.class.getName()},
        };
    }

    @Test(dataProvider = "broken")
    public void aBrokenDefinitionFailsTheDeployment(Class<?> bean, String message) {
        assertEquals(MpContainer.deploymentErrors(Map.of(), bean), List.of(message));
    }

    @Test
    public void anotherImplementationOnTheClassPathIsRefused() {
        List<String> problems = MpFaultToleranceExtension.conflicts(List.of(ValidationTest.class.getName(),
                "com.example.NoSuchExtension"));
        assertEquals(problems.size(), 1);
        assertTrue(problems.get(0).startsWith("steadfast-mp found another MicroProfile Fault Tolerance implementation ("
                + ValidationTest.class.getName() + ")"), problems.get(0));
    }

    @Test
    public void aDefinitionSwitchedOffIsStillValidated() {
        List<String> errors = MpContainer.deploymentErrors(Map.of("CircuitBreaker/enabled", "false"),
                Invalid.BreakerRatioAboveOne.class);
        assertEquals(errors.size(), 1);
    }
}
