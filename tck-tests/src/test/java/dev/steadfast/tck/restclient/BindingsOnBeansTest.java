package dev.steadfast.tck.restclient;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Steadfast's annotations as interceptor bindings (for rest clients) change nothing on managed beans. */
class BindingsOnBeansTest {

    @Test
    void aBeanWithClassLevelAnnotationsAndAFinalMethodDeploysAndIsGuardedOnce() throws Exception {
        try (TestContainer c = TestContainer.start(ClassLevelWithFinalMethod.class)) {
            ClassLevelWithFinalMethod bean = c.select(ClassLevelWithFinalMethod.class);

            assertEquals("after 3", bean.flaky(), "three attempts: one interceptor, not one per annotation");
            assertEquals("fixed", bean.fixed());
        }
    }
}
