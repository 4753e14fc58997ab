package dev.steadfast.tck.validation;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A class named in config ({@code retry.retry-on-result}, {@code fallback.value}) must be public with a public no-arg
 * constructor, or a CDI bean: config must not reach code that Java's access rules keep private.
 */
class ConfigClassesTest {

    private static final String RULE = "; a class named in config must be public with a public no-arg constructor,"
            + " or a CDI bean";

    private static String at(Class<?> bean, String method, String member) {
        return member + " on " + bean.getName() + "#" + method + "(): ";
    }

    private static String key(String method, String member) {
        return "steadfast.\"" + EmptyAnswers.class.getName() + "/" + method + "\"." + member;
    }

    @Test
    void aResultPredicateWithAPrivateConstructorNamedInConfigFailsTheDeployment() {
        String key = key("fetch", "retry.retry-on-result");
        assertEquals(List.of(at(EmptyAnswers.class, "fetch", "@Retry.retryOnResult")
                        + HiddenConstructorPredicate.class.getName() + " (from config key " + key
                        + ") has no public no-arg constructor" + RULE),
                TestContainer.deploymentErrors(Map.of(key, HiddenConstructorPredicate.class.getName()),
                        EmptyAnswers.class));
    }

    @Test
    void aResultPredicateThatIsNotPublicNamedInConfigFailsTheDeployment() {
        String key = key("fetch", "retry.retry-on-result");
        assertEquals(List.of(at(EmptyAnswers.class, "fetch", "@Retry.retryOnResult")
                        + PackagePredicate.class.getName() + " (from config key " + key + ") is not public" + RULE),
                TestContainer.deploymentErrors(Map.of(key, PackagePredicate.class.getName()), EmptyAnswers.class));
    }

    @Test
    void aFallbackHandlerWithAPrivateConstructorNamedInConfigFailsTheDeployment() {
        String key = key("read", "fallback.value");
        assertEquals(List.of(at(EmptyAnswers.class, "read", "@Fallback.value")
                        + HiddenConstructorHandler.class.getName() + " (from config key " + key
                        + ") has no public no-arg constructor" + RULE),
                TestContainer.deploymentErrors(Map.of(key, HiddenConstructorHandler.class.getName()),
                        EmptyAnswers.class));
    }

    @Test
    void aPublicClassWithAPublicConstructorNamedInConfigIsUsed() {
        try (TestContainer c = TestContainer.start(Map.of(key("fetch", "retry.retry-on-result"),
                RejectsEmpty.class.getName()), EmptyAnswers.class)) {
            EmptyAnswers answers = c.select(EmptyAnswers.class);
            assertThrows(RetryExhaustedException.class, answers::fetch);
            assertEquals(3, answers.attempts());
        }
    }

    @Test
    void aCdiBeanNamedInConfigIsUsedWhateverItsVisibility() {
        try (TestContainer c = TestContainer.start(Map.of(key("fetch", "retry.retry-on-result"),
                PackageBeanPredicate.class.getName()), EmptyAnswers.class, PackageBeanPredicate.class)) {
            EmptyAnswers answers = c.select(EmptyAnswers.class);
            assertThrows(RetryExhaustedException.class, answers::fetch);
            assertEquals(3, answers.attempts());
        }
    }

    @Test
    void anAnnotationMayStillNameAClassWithAPrivateConstructor() {
        try (TestContainer c = TestContainer.start(EmptyAnswers.class)) {
            EmptyAnswers answers = c.select(EmptyAnswers.class);
            assertThrows(RetryExhaustedException.class, answers::annotated);
            assertEquals(2, answers.attempts());
        }
    }
}
