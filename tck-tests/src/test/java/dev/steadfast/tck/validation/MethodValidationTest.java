package dev.steadfast.tck.validation;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Definitions the method itself makes impossible ({@code docs/validation.md}): {@code @Asynchronous} on a method that
 * returns no stage, a Steadfast annotation where CDI cannot intercept, two stereotypes that disagree.
 */
class MethodValidationTest {

    private static final String NOT_INTERCEPTABLE = ", and CDI interceptors cannot guard it;"
            + " make it non-private, non-static and non-final";

    @Test
    void asynchronousOnAMethodReturningStringFailsTheDeployment() {
        assertEquals(List.of("@Asynchronous on " + AsyncString.class.getName() + "#fetch(): returns String;"
                        + " an asynchronous method must return CompletionStage or CompletableFuture"),
                TestContainer.deploymentErrors(AsyncString.class));
    }

    @Test
    void aSteadfastAnnotationOnAPrivateMethodFailsTheDeployment() {
        assertEquals(List.of("@Retry on " + PrivateGuarded.class.getName() + "#fetch(): the method is private"
                        + NOT_INTERCEPTABLE),
                TestContainer.deploymentErrors(PrivateGuarded.class));
    }

    @Test
    void aSteadfastAnnotationOnAStaticMethodFailsTheDeployment() {
        assertEquals(List.of("@Timeout on " + StaticGuarded.class.getName() + "#fetch(): the method is static"
                        + NOT_INTERCEPTABLE),
                TestContainer.deploymentErrors(StaticGuarded.class));
    }

    @Test
    void steadfastAnnotationsOnAFinalMethodFailTheDeploymentNamingEachAnnotation() {
        assertEquals(List.of("@Fallback, @Retry on " + FinalGuarded.class.getName() + "#fetch(): the method is final"
                        + NOT_INTERCEPTABLE),
                TestContainer.deploymentErrors(FinalGuarded.class));
    }

    @Test
    void twoStereotypesWithDifferentRetriesFailTheDeployment() {
        List<String> errors = TestContainer.deploymentErrors(ConflictingStereotypes.class);

        assertEquals(1, errors.size(), errors::toString);
        String bean = ConflictingStereotypes.class.getName();
        String end = ", with different values; put @Retry on the class or method to choose";
        assertTrue(errors.get(0).equals("@Retry on " + bean + " comes from two stereotypes, @QuickRetries and"
                        + " @PatientRetries" + end)
                || errors.get(0).equals("@Retry on " + bean + " comes from two stereotypes, @PatientRetries and"
                        + " @QuickRetries" + end), errors.get(0));
    }
}
