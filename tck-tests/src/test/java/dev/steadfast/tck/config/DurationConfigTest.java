package dev.steadfast.tck.config;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A time in config (docs/configuration.md): a number in the member's unit, a number with a unit suffix, or ISO-8601.
 * The resolved timeout is read back from {@link TimeoutExceededException#getTimeout()}.
 */
class DurationConfigTest {

    @ParameterizedTest(name = "timeout.value={0} is {1}")
    @CsvSource({"150ms, PT0.15S", "2s, PT2S", "PT0.5S, PT0.5S", "pt0.2s, PT0.2S"})
    void aTimeoutValueFromConfigAcceptsUnitSuffixesAndIsoDurations(String configured, Duration expected)
            throws Exception {
        Map<String, String> config = Map.of(Keys.method(TimedCalls.class, "never", "timeout.value"), configured);
        try (TestContainer c = TestContainer.start(config, TimedCalls.class)) {
            assertEquals(expected, timeoutOf(c));
        }
    }

    @Test
    void aPlainNumberIsInTheMembersUnitWhichConfigCanSetToo() throws Exception {
        Map<String, String> config = Map.of(
                Keys.method(TimedCalls.class, "never", "timeout.value"), "120",
                Keys.method(TimedCalls.class, "never", "timeout.unit"), "MILLIS");
        try (TestContainer c = TestContainer.start(config, TimedCalls.class)) {
            assertEquals(Duration.ofMillis(120), timeoutOf(c));
        }
    }

    @Test
    void aGlobalTimeoutAppliesToASynchronousMethod() {
        Map<String, String> config = Map.of(Keys.global("timeout.value"), "150ms");
        try (TestContainer c = TestContainer.start(config, TimedCalls.class)) {
            TimeoutExceededException e = assertThrows(TimeoutExceededException.class,
                    () -> c.select(TimedCalls.class).sleepy());

            assertEquals(Duration.ofMillis(150), e.getTimeout());
        }
    }

    private static Duration timeoutOf(TestContainer c) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> c.select(TimedCalls.class).never().toCompletableFuture().get(8, TimeUnit.SECONDS));
        return assertInstanceOf(TimeoutExceededException.class, e.getCause()).getTimeout();
    }
}
