package dev.steadfast.tck.degradation;

import dev.steadfast.FallbackApplied;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.ManualTime;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The {@link FallbackApplied} CDI event (docs/operations.md): the method, the failure, which fallback of the chain
 * answered and how long the guarded part took, fired once per fallback answer to {@code @Observes} methods.
 */
class FallbackAppliedEventTest {

    @Test
    void anObserverHearsEachFallbackAnswerWithMethodFailureFallbackAndTheGuardedPartsTime() throws Exception {
        ManualTime time = new ManualTime();
        SlowFeed.clock = time.clock;
        try (TestContainer c = time.start(Map.of(), SlowFeed.class, FallbackWatcher.class)) {
            assertEquals("stale ACME", c.select(SlowFeed.class).price("ACME"));

            List<FallbackApplied> heard = c.select(FallbackWatcher.class).heard();
            assertEquals(1, heard.size(), heard::toString);
            FallbackApplied e = heard.get(0);
            assertEquals(SlowFeed.class.getName() + "#price(String)", e.method());
            RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, e.failure());
            assertInstanceOf(IOException.class, exhausted.getCause());
            assertEquals("stale", e.fallback());
            assertEquals(1, e.position());
            assertEquals(Duration.ofMillis(3 * 700 + 2 * 100), e.elapsed(), "three attempts and two delays");
        }
    }

    @Test
    void everyFallbackAnswerOfEveryKindIsOneEvent() throws Exception {
        try (TestContainer c = TestContainer.start(QuoteDesk.class, DeskHandler.class, FallbackWatcher.class)) {
            QuoteDesk desk = c.select(QuoteDesk.class);
            desk.quote("ACME", true);
            desk.quote("ACME", false);
            desk.quoteStaged("ACME", true).toCompletableFuture().join();
            desk.quoteLater("ACME", true).join();
            desk.quoteChained("ACME", true);

            assertEquals(List.of("cached", "cachedStage", "cachedLater", "cached"),
                    c.select(FallbackWatcher.class).heard().stream().map(FallbackApplied::fallback).toList(),
                    "a fresh answer is no event");
        }
    }
}
