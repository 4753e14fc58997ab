package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryTest {

    @Test
    void retriesUntilSuccessThenReturnsTheResult() throws Exception {
        try (TestContainer c = TestContainer.start(FlakyService.class)) {
            FlakyService s = c.select(FlakyService.class);
            s.failFirst(2);
            assertEquals("ok after 3", s.fetch());
            assertEquals(3, s.calls());
        }
    }

    @Test
    void invokesMaxRetriesPlusOneTimesThenThrowsRetryExhausted() {
        try (TestContainer c = TestContainer.start(FlakyService.class)) {
            FlakyService s = c.select(FlakyService.class);
            s.failFirst(10);
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, s::fetch);
            assertEquals(4, s.calls());
            assertEquals(4, e.getAttempts());
            assertInstanceOf(IOException.class, e.getCause());
            assertEquals("failure 4", e.getCause().getMessage());
        }
    }

    @Test
    void methodConfigKeyOverridesMaxRetries() {
        Map<String, String> config = Map.of(
                "steadfast.\"" + FlakyService.class.getName() + "/fetch\".retry.max-retries", "1");
        try (TestContainer c = TestContainer.start(config, FlakyService.class)) {
            FlakyService s = c.select(FlakyService.class);
            s.failFirst(10);
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, s::fetch);
            assertEquals(2, s.calls());
            assertEquals(2, e.getAttempts());
        }
    }
}
