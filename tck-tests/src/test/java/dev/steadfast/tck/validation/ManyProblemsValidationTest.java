package dev.steadfast.tck.validation;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every problem of a deployment is reported, not just the first ({@code docs/validation.md}). */
class ManyProblemsValidationTest {

    @Test
    void everyProblemOfOneBeanIsReported() {
        String bean = ManyProblems.class.getName();

        List<String> errors = TestContainer.deploymentErrors(ManyProblems.class);

        assertEquals(sorted(List.of(
                "@Retry.maxRetries on " + bean + "#fetch(): -2 is below -1; use -1 for no count limit",
                "@Retry.factor on " + bean + "#fetch(): 0.5 is below 1; a backoff factor must be at least 1",
                "@Retry.jitter on " + bean + "#fetch(): 1.5 is not within [0, 1]",
                "@Timeout.value on " + bean + "#slow(): 0 is 0; a timeout must be positive",
                "@Fallback.fallbackMethod on " + bean + "#fragile(): no method nowhere() or nowhere(<Throwable>) in "
                        + bean + " or its superclasses and interfaces")), sorted(errors));
    }

    @Test
    void theProblemsOfOneMethodAreReportedInTheOrderOfItsMembers() {
        String bean = ManyProblems.class.getName();

        List<String> fetch = TestContainer.deploymentErrors(ManyProblems.class).stream()
                .filter(m -> m.contains("#fetch()")).toList();

        assertEquals(List.of(
                "@Retry.maxRetries on " + bean + "#fetch(): -2 is below -1; use -1 for no count limit",
                "@Retry.factor on " + bean + "#fetch(): 0.5 is below 1; a backoff factor must be at least 1",
                "@Retry.jitter on " + bean + "#fetch(): 1.5 is not within [0, 1]"), fetch);
    }

    @Test
    void theProblemsOfSeveralBeansAreAllReported() {
        List<String> errors = TestContainer.deploymentErrors(BadJitter.class, ZeroTimeout.class,
                MissingFallback.class, AsyncString.class);

        assertEquals(sorted(List.of(
                RetryValidationTest.at(BadJitter.class, "@Retry.jitter") + "1.5 is not within [0, 1]",
                RetryValidationTest.at(ZeroTimeout.class, "@Timeout.value") + "0 is 0; a timeout must be positive",
                "@Fallback.fallbackMethod on " + MissingFallback.class.getName() + "#fetch(String): no method"
                        + " nowhere(String) or nowhere(String, <Throwable>) in " + MissingFallback.class.getName()
                        + " or its superclasses and interfaces",
                "@Asynchronous on " + AsyncString.class.getName() + "#fetch(): returns String;"
                        + " an asynchronous method must return CompletionStage or CompletableFuture")), sorted(errors));
    }

    @Test
    void problemsFromConfigAndFromAnnotationsAreReportedTogether() {
        String bean = ManyProblems.class.getName();
        String key = "steadfast.\"" + bean + "/fragile\".fallback.fallback-method";

        List<String> errors = TestContainer.deploymentErrors(Map.of(key, "elsewhere"), ManyProblems.class);

        assertEquals(sorted(List.of(
                "@Retry.maxRetries on " + bean + "#fetch(): -2 is below -1; use -1 for no count limit",
                "@Retry.factor on " + bean + "#fetch(): 0.5 is below 1; a backoff factor must be at least 1",
                "@Retry.jitter on " + bean + "#fetch(): 1.5 is not within [0, 1]",
                "@Timeout.value on " + bean + "#slow(): 0 is 0; a timeout must be positive",
                "@Fallback.fallbackMethod on " + bean + "#fragile(): no method elsewhere() or elsewhere(<Throwable>)"
                        + " in " + bean + " or its superclasses and interfaces")), sorted(errors));
    }

    @Test
    void problemsFromConfigInOneBeanAndFromAnnotationsInAnotherAreReportedTogether() {
        String key = "steadfast.\"" + ValidRetry.class.getName() + "/fetch\".retry.max-retries";

        List<String> errors = TestContainer.deploymentErrors(Map.of(key, "lots"), ValidRetry.class,
                NegativeMaxRetries.class);

        assertEquals(sorted(List.of(
                RetryValidationTest.at(ValidRetry.class, "@Retry.maxRetries") + "'lots' (from config key " + key
                        + ") is not an integer",
                RetryValidationTest.at(NegativeMaxRetries.class, "@Retry.maxRetries")
                        + "-2 is below -1; use -1 for no count limit")), sorted(errors));
    }

    private static List<String> sorted(List<String> messages) {
        return messages.stream().sorted().toList();
    }
}
