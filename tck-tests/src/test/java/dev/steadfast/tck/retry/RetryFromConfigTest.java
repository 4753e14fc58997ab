package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The retry budget of one method comes from config when its key is set ({@code docs/configuration.md}). */
class RetryFromConfigTest {

    @Test
    void theMethodKeyForMaxRetriesReplacesTheAnnotationValue() {
        Map<String, String> config = Map.of(
                "steadfast.\"" + FlakyService.class.getName() + "/fetch\".retry.max-retries", "1");
        try (TestContainer c = TestContainer.start(config, FlakyService.class)) {
            FlakyService s = c.select(FlakyService.class);
            s.failFirst(10);

            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, s::fetch);

            assertEquals(2, s.calls(), "the first attempt and the one configured retry");
            assertEquals(2, e.getAttempts());
        }
    }

    @Test
    void maxRetriesZeroFromConfigMeansOneAttempt() {
        Map<String, String> config = Map.of(
                "steadfast.\"" + FlakyService.class.getName() + "/fetch\".retry.max-retries", "0");
        try (TestContainer c = TestContainer.start(config, FlakyService.class)) {
            FlakyService s = c.select(FlakyService.class);
            s.failFirst(10);

            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, s::fetch);

            assertEquals(1, s.calls());
            assertEquals(1, e.getAttempts());
        }
    }
}
