package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimitExceededException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code @RateLimit} members overridden through MicroProfile Config ({@code docs/configuration.md}). */
class RateLimitConfigTest {

    private static final String METHOD_KEY = "steadfast.\"" + ThreePerMinute.class.getName() + "/call\".rate-limit.";

    @Test
    void methodKeyOverridesValue() {
        try (TestContainer c = TestContainer.start(Map.of(METHOD_KEY + "value", "1"), ThreePerMinute.class)) {
            ThreePerMinute bean = c.select(ThreePerMinute.class);
            assertEquals(1, bean.call());
            assertThrows(RateLimitExceededException.class, bean::call);
            assertEquals(1, bean.invocations());
        }
    }

    @Test
    void globalKeyOverridesValue() {
        try (TestContainer c = TestContainer.start(Map.of("steadfast.global.rate-limit.value", "2"),
                ThreePerMinute.class)) {
            ThreePerMinute bean = c.select(ThreePerMinute.class);
            bean.call();
            bean.call();
            assertThrows(RateLimitExceededException.class, bean::call);
            assertEquals(2, bean.invocations());
        }
    }

    @Test
    void methodKeyWinsOverGlobalKey() {
        Map<String, String> config = Map.of(
                "steadfast.global.rate-limit.value", "1",
                METHOD_KEY + "value", "4");
        try (TestContainer c = TestContainer.start(config, ThreePerMinute.class)) {
            ThreePerMinute bean = c.select(ThreePerMinute.class);
            for (int i = 1; i <= 4; i++) {
                assertEquals(i, bean.call());
            }
            assertThrows(RateLimitExceededException.class, bean::call);
        }
    }

    @Test
    void disabledRateLimitAdmitsEveryCall() {
        try (TestContainer c = TestContainer.start(Map.of(METHOD_KEY + "enabled", "false"), ThreePerMinute.class)) {
            ThreePerMinute bean = c.select(ThreePerMinute.class);
            for (int i = 1; i <= 10; i++) {
                assertEquals(i, bean.call());
            }
        }
    }
}
