package dev.steadfast.tck.config;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code <annotation>.enabled} at the method, class and global levels, and {@code steadfast.enabled=false}, which
 * switches off everything but {@code @Fallback} ({@code docs/configuration.md}).
 */
class EnabledConfigTest {

    @Test
    void everyPolicyIsOnWithoutConfig() {
        try (TestContainer c = start(Map.of())) {
            assertThrows(RetryExhaustedException.class, () -> c.select(Toggled.class).retried());
            assertEquals(3, counters(c).get("retried"));
            assertThrows(TimeoutExceededException.class, () -> c.select(Toggled.class).slow());
        }
    }

    @Test
    void retryEnabledFalseOnAMethodSwitchesOffThatMethodsRetryOnly() throws IOException {
        try (TestContainer c = start(Map.of(Keys.method(Toggled.class, "retried", "retry.enabled"), "false"))) {
            IOException e = assertThrows(IOException.class, () -> c.select(Toggled.class).retried());

            assertEquals("retried 1", e.getMessage(), "one attempt, the failure unwrapped");
            assertEquals("fallback after 3", c.select(Toggled.class).retriedWithFallback(),
                    "the other method still retries");
        }
    }

    @Test
    void retryEnabledFalseOnAClassSwitchesOffRetriesInThatClass() throws IOException {
        try (TestContainer c = start(Map.of(Keys.type(Toggled.class, "retry.enabled"), "false"))) {
            assertThrows(IOException.class, () -> c.select(Toggled.class).retried());
            assertEquals("fallback after 1", c.select(Toggled.class).retriedWithFallback(),
                    "retry off, the fallback still on");
            assertThrows(RetryExhaustedException.class, () -> c.select(OtherToggled.class).retried());

            assertEquals(1, counters(c).get("retried"));
            assertEquals(3, counters(c).get("other"), "another class keeps its retries");
        }
    }

    @Test
    void retryEnabledFalseGloballySwitchesOffEveryRetry() {
        try (TestContainer c = start(Map.of(Keys.global("retry.enabled"), "false"))) {
            assertThrows(IOException.class, () -> c.select(Toggled.class).retried());
            assertThrows(IOException.class, () -> c.select(OtherToggled.class).retried());

            assertEquals(1, counters(c).get("retried"));
            assertEquals(1, counters(c).get("other"));
            assertThrows(TimeoutExceededException.class, () -> c.select(Toggled.class).slow(),
                    "other kinds of policy stay on");
        }
    }

    @Test
    void aMoreSpecificEnabledTrueSwitchesAPolicyBackOn() {
        try (TestContainer c = start(Map.of(
                Keys.global("retry.enabled"), "false",
                Keys.method(Toggled.class, "retried", "retry.enabled"), "true"))) {
            assertThrows(RetryExhaustedException.class, () -> c.select(Toggled.class).retried());
            assertThrows(IOException.class, () -> c.select(OtherToggled.class).retried());

            assertEquals(3, counters(c).get("retried"));
            assertEquals(1, counters(c).get("other"));
        }
    }

    @Test
    void timeoutEnabledFalseLetsASlowCallFinish() {
        try (TestContainer c = start(Map.of(Keys.method(Toggled.class, "slow", "timeout.enabled"), "false"))) {
            assertEquals("slow but done", c.select(Toggled.class).slow());
        }
    }

    @Test
    void fallbackEnabledFalseLetsTheFailurePropagate() {
        try (TestContainer c = start(Map.of(Keys.global("fallback.enabled"), "false"))) {
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                    () -> c.select(Toggled.class).retriedWithFallback());

            assertEquals(3, e.getAttempts(), "the retry is still on");
        }
    }

    @Test
    void steadfastEnabledFalseSwitchesOffEveryPolicyButFallback() throws IOException {
        try (TestContainer c = start(Map.of("steadfast.enabled", "false"))) {
            Toggled toggled = c.select(Toggled.class);

            assertThrows(IOException.class, toggled::retried);
            assertEquals(1, counters(c).get("retried"), "no retry");
            assertEquals("slow but done", toggled.slow(), "no timeout");
            assertEquals("fallback after 1", toggled.retriedWithFallback(), "the fallback, without the retries");
        }
    }

    @Test
    void steadfastEnabledFalseCannotBeOverriddenByAMoreSpecificEnabledTrue() {
        try (TestContainer c = start(Map.of(
                "steadfast.enabled", "false",
                Keys.global("retry.enabled"), "true",
                Keys.method(Toggled.class, "retried", "retry.enabled"), "true"))) {
            assertThrows(IOException.class, () -> c.select(Toggled.class).retried());

            assertEquals(1, counters(c).get("retried"));
        }
    }

    @Test
    void steadfastEnabledTrueChangesNothing() {
        try (TestContainer c = start(Map.of("steadfast.enabled", "true"))) {
            assertThrows(RetryExhaustedException.class, () -> c.select(Toggled.class).retried());

            assertEquals(3, counters(c).get("retried"));
        }
    }

    private static TestContainer start(Map<String, String> config) {
        return TestContainer.start(config, Toggled.class, OtherToggled.class, Counters.class);
    }

    private static Counters counters(TestContainer c) {
        return c.select(Counters.class);
    }
}
