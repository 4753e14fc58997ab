package dev.steadfast.tck.validation;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fallback method missing, ambiguous or incompatible, or a wrong handler, fails deployment (docs/validation.md). */
class FallbackValidationTest {

    @Test
    void aMissingFallbackMethodFailsTheDeployment() {
        String bean = MissingFallback.class.getName();
        assertEquals(List.of("@Fallback.fallbackMethod on " + bean + "#fetch(String): no method nowhere(String) or"
                        + " nowhere(String, <Throwable>) in " + bean + " or its superclasses and interfaces"),
                TestContainer.deploymentErrors(MissingFallback.class));
    }

    @Test
    void aFallbackMethodWithOtherParametersIsNamedInTheMessage() {
        String bean = MismatchedFallback.class.getName();
        assertEquals(List.of("@Fallback.fallbackMethod on " + bean + "#fetch(String): no method backup(String) or"
                        + " backup(String, <Throwable>) in " + bean + " or its superclasses and interfaces;"
                        + " found MismatchedFallback.backup(int), whose parameters do not match"),
                TestContainer.deploymentErrors(MismatchedFallback.class));
    }

    @Test
    void anAmbiguousFallbackMethodFailsTheDeployment() {
        String bean = AmbiguousFallback.class.getName();
        String start = "@Fallback.fallbackMethod on " + bean + "#fetch(String): fallback method is ambiguous in "
                + bean + ": ";
        List<String> errors = TestContainer.deploymentErrors(AmbiguousFallback.class);

        assertEquals(1, errors.size(), errors::toString);
        // Both candidates are named; reflection does not promise their order.
        assertTrue(errors.get(0).equals(start + "backup(String), backup(String, Throwable)")
                || errors.get(0).equals(start + "backup(String, Throwable), backup(String)"), errors.get(0));
    }

    @Test
    void aFallbackMethodWithAnIncompatibleReturnTypeFailsTheDeployment() {
        String bean = IncompatibleFallback.class.getName();
        assertEquals(List.of("@Fallback.fallbackMethod on " + bean + "#fetch(): fallback method " + bean
                        + "#count() returns int, which is not assignable to String"),
                TestContainer.deploymentErrors(IncompatibleFallback.class));
    }

    @Test
    void aHandlerAndFallbackMethodsTogetherFailTheDeployment() {
        assertEquals(List.of("@Fallback.value on " + HandlerAndMethods.class.getName() + "#fetch(): a handler ("
                        + StringHandler.class.getName() + ") and fallbackMethod [backup] together;"
                        + " use one or the other"),
                TestContainer.deploymentErrors(HandlerAndMethods.class));
    }

    @Test
    void aHandlerOfAnotherResultTypeFailsTheDeployment() {
        assertEquals(List.of("@Fallback.value on " + WrongHandlerType.class.getName() + "#fetch(): "
                        + IntegerHandler.class.getName() + " handles java.lang.Integer,"
                        + " which is not assignable to String"),
                TestContainer.deploymentErrors(WrongHandlerType.class));
    }

    @Test
    void aFallbackWithNeitherHandlerNorMethodFailsTheDeployment() {
        assertEquals(List.of("@Fallback.value on " + EmptyFallback.class.getName()
                        + "#fetch(): names neither a handler nor a fallbackMethod"),
                TestContainer.deploymentErrors(EmptyFallback.class));
    }
}
