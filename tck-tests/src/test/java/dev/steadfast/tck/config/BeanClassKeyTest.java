package dev.steadfast.tck.config;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Config keys name the bean class, also when the annotation and the method are inherited from a superclass (README,
 * "Decisions where the spec is silent").
 */
class BeanClassKeyTest {

    @Test
    void theBeanClassKeyAppliesToAnInheritedAnnotation() {
        try (TestContainer c = start(Map.of(Keys.type(ConcreteClient.class, "retry.max-retries"), "1"))) {
            assertEquals(2, attempts(c));
        }
    }

    @Test
    void theBeanClassMethodKeyAppliesToAnInheritedMethod() {
        try (TestContainer c = start(Map.of(Keys.method(ConcreteClient.class, "call", "retry.max-retries"), "2"))) {
            assertEquals(3, attempts(c));
        }
    }

    @Test
    void theSuperclassNameIsNotAKey() {
        // Read by nothing: strict config (StrictConfigTest) would fail the deployment on it.
        try (TestContainer c = start(Map.of(StrictConfigKey.OFF, "false",
                Keys.type(BaseClient.class, "retry.max-retries"), "1"))) {
            assertEquals(6, attempts(c), "the annotation's own value");
        }
    }

    private static TestContainer start(Map<String, String> config) {
        return TestContainer.start(config, ConcreteClient.class, Counters.class);
    }

    private static int attempts(TestContainer c) {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> c.select(ConcreteClient.class).call());
        assertEquals(e.getAttempts(), c.select(Counters.class).get("inherited call"));
        return e.getAttempts();
    }
}
