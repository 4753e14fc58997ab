package dev.steadfast.tck.validation;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.steadfast.tck.validation.RetryValidationTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A config value that does not parse, or that breaks a rule, fails the deployment naming the key and the value
 * ({@code docs/configuration.md}, {@code docs/validation.md}).
 */
class ConfigValueValidationTest {

    private static final String NOT_A_TIME = "is not a time: use a number in the member's unit, a number with ms, s,"
            + " m or h, or an ISO-8601 duration such as PT30S";

    @Test
    void maxRetriesThatIsNotAnIntegerFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidRetry.class, "retry.max-retries");
        assertEquals(List.of(at(ValidRetry.class, "@Retry.maxRetries") + "'lots' (from config key " + key
                        + ") is not an integer"),
                TestContainer.deploymentErrors(Map.of(key, "lots"), ValidRetry.class));
    }

    @Test
    void aTimeoutValueThatIsNotATimeFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidTimeout.class, "timeout.value");
        assertEquals(List.of(at(ValidTimeout.class, "@Timeout.value") + "'soon' (from config key " + key + ") "
                        + NOT_A_TIME),
                TestContainer.deploymentErrors(Map.of(key, "soon"), ValidTimeout.class));
    }

    @Test
    void aRetryDelayThatIsNotATimeFailsTheDeploymentNamingTheKey() {
        String key = "steadfast.\"" + ValidRetry.class.getName() + "\".retry.delay";
        assertEquals(List.of(at(ValidRetry.class, "@Retry.delay") + "'later' (from config key " + key + ") "
                        + NOT_A_TIME),
                TestContainer.deploymentErrors(Map.of(key, "later"), ValidRetry.class));
    }

    @Test
    void aConfigValueThatBreaksARuleFailsTheDeploymentNamingTheKey() {
        assertEquals(List.of(at(ValidRetry.class, "@Retry.jitter")
                        + "1.5 (from config key steadfast.global.retry.jitter) is not within [0, 1]"),
                TestContainer.deploymentErrors(Map.of("steadfast.global.retry.jitter", "1.5"), ValidRetry.class));
    }

    @Test
    void aNegativeTimeFromConfigFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidRetry.class, "retry.delay");
        assertEquals(List.of(at(ValidRetry.class, "@Retry.delay") + "-10 (from config key " + key
                        + ") is negative; times must be 0 or more"),
                TestContainer.deploymentErrors(Map.of(key, "-10"), ValidRetry.class));
    }

    @Test
    void aClassListNamingAMissingClassFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidRetry.class, "retry.retry-on");
        assertEquals(List.of(at(ValidRetry.class, "@Retry.retryOn") + "'java.io.IOException, com.acme.NoSuchFailure'"
                        + " (from config key " + key + ") names class com.acme.NoSuchFailure, which cannot be loaded"),
                TestContainer.deploymentErrors(Map.of(key, "java.io.IOException, com.acme.NoSuchFailure"),
                        ValidRetry.class));
    }

    @Test
    void aClassListNamingANonThrowableFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidRetry.class, "retry.abort-on");
        assertEquals(List.of(at(ValidRetry.class, "@Retry.abortOn") + "'java.lang.String' (from config key " + key
                        + ") names java.lang.String, which is not a Throwable"),
                TestContainer.deploymentErrors(Map.of(key, "java.lang.String"), ValidRetry.class));
    }

    @Test
    void anUnknownBackoffFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidRetry.class, "retry.backoff");
        assertEquals(List.of(at(ValidRetry.class, "@Retry.backoff") + "'sideways' (from config key " + key
                        + ") is not one of [CONSTANT, EXPONENTIAL, FIBONACCI]"),
                TestContainer.deploymentErrors(Map.of(key, "sideways"), ValidRetry.class));
    }

    @Test
    void anEnabledFlagThatIsNotABooleanFailsTheDeploymentNamingTheKey() {
        String key = methodKey(ValidRetry.class, "retry.enabled");
        assertEquals(List.of(at(ValidRetry.class, "@Retry.enabled") + "'perhaps' (from config key " + key
                        + ") is not true or false"),
                TestContainer.deploymentErrors(Map.of(key, "perhaps"), ValidRetry.class));
    }

    @Test
    void steadfastEnabledThatIsNotABooleanFailsTheDeployment() {
        assertEquals(List.of("Config key steadfast.enabled: 'maybe' is not true or false"),
                TestContainer.deploymentErrors(Map.of("steadfast.enabled", "maybe"), ValidRetry.class));
    }

    @Test
    void anInterceptorPriorityThatIsNotAnIntegerFailsTheDeployment() {
        assertEquals(List.of("Config key steadfast.interceptor.priority: 'high' is not an integer"),
                TestContainer.deploymentErrors(Map.of("steadfast.interceptor.priority", "high"), ValidRetry.class));
    }

    private static String methodKey(Class<?> bean, String annotationAndMember) {
        return "steadfast.\"" + bean.getName() + "/fetch\"." + annotationAndMember;
    }
}
