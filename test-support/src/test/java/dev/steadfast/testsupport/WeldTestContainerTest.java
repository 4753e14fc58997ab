package dev.steadfast.testsupport;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeldTestContainerTest {

    @Test
    void theBeansSeeTheTestsPropertiesUntilTheContainerCloses() {
        try (WeldTestContainer container = WeldTestContainer.start(new ProblemExtension(),
                Map.of("test.greeting", "bonjour"), Greeter.class)) {
            assertEquals("bonjour", container.select(Greeter.class).greet());
        }
        assertFalse(greetingConfigured(), "the container's config was released");
    }

    @Test
    void withoutPropertiesTheBeansSeeSystemProperties() {
        System.setProperty("test.greeting", "hallo");
        try (WeldTestContainer container = WeldTestContainer.start(new ProblemExtension(), Greeter.class)) {
            assertEquals("hallo", container.select(Greeter.class).greet());
        } finally {
            System.clearProperty("test.greeting");
        }
    }

    @Test
    void aFailedStartReleasesItsConfigAndPassesWeldsExceptionOn() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> WeldTestContainer.start(
                new ProblemExtension(), Map.of("test.problems", "broken", "test.greeting", "bonjour"), Greeter.class));

        assertTrue(failure.toString().contains("broken") || String.valueOf(failure.getCause()).contains("broken"),
                failure::toString);
        assertFalse(greetingConfigured(), "the failed container's config was released");
    }

    @Test
    void deploymentErrorsAreTheMessagesOfTheExtensionsErrorsInOrder() {
        List<String> errors = WeldTestContainer.deploymentErrors(new ProblemExtension(),
                ProblemExtension.Problem.class, Map.of("test.problems", "first,second"), Greeter.class);

        assertEquals(List.of("first", "second"), errors);
        assertFalse(greetingConfigured());
    }

    @Test
    void deploymentErrorsIgnoresFailuresOfOtherTypes() {
        List<String> errors = WeldTestContainer.deploymentErrors(new ProblemExtension(),
                ProblemExtension.Problem.class, Map.of("test.problems", "ours", "test.foreign", "theirs"),
                Greeter.class);

        assertEquals(List.of("ours"), errors);
    }

    @Test
    void aDeploymentThatStartsFailsTheTest() {
        AssertionError e = assertThrows(AssertionError.class, () -> WeldTestContainer.deploymentErrors(
                new ProblemExtension(), ProblemExtension.Problem.class, Map.of(), Greeter.class));

        assertEquals("The deployment was expected to fail, but it started", e.getMessage());
    }

    @Test
    void aDeploymentThatFailsForAnotherReasonFailsTheTest() {
        AssertionError e = assertThrows(AssertionError.class, () -> WeldTestContainer.deploymentErrors(
                new ProblemExtension(), ProblemExtension.Problem.class, Map.of("test.foreign", "theirs"),
                Greeter.class));

        assertEquals("The deployment failed without a Problem", e.getMessage());
        assertTrue(e.getCause().toString().contains("theirs") || String.valueOf(e.getCause().getCause())
                .contains("theirs"), () -> String.valueOf(e.getCause()));
    }

    private static boolean greetingConfigured() {
        return ConfigProvider.getConfig().getOptionalValue("test.greeting", String.class).isPresent();
    }
}
