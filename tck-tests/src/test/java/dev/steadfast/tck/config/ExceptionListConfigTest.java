package dev.steadfast.tck.config;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Class arrays in config are comma-separated class names ({@code docs/configuration.md}). */
class ExceptionListConfigTest {

    private static final Map<String, String> RETRY_LISTS = Map.of(
            Keys.method(Gateway.class, "call", "retry.retry-on"), "java.io.IOException, java.util.concurrent.TimeoutException",
            Keys.method(Gateway.class, "call", "retry.abort-on"), "java.io.FileNotFoundException");

    @Test
    void everyClassOfAConfiguredRetryOnListIsRetried() {
        try (TestContainer c = TestContainer.start(RETRY_LISTS, Gateway.class, Counters.class)) {
            Gateway gateway = c.select(Gateway.class);

            assertThrows(RetryExhaustedException.class, () -> gateway.call(new IOException("reset")));
            assertEquals(3, c.select(Counters.class).get("call"));

            assertThrows(RetryExhaustedException.class, () -> gateway.call(new TimeoutException("slow")));
            assertEquals(6, c.select(Counters.class).get("call"));
        }
    }

    @Test
    void aConfiguredRetryOnListReplacesTheAnnotationsRetryOn() {
        try (TestContainer c = TestContainer.start(RETRY_LISTS, Gateway.class, Counters.class)) {
            assertThrows(IllegalStateException.class,
                    () -> c.select(Gateway.class).call(new IllegalStateException("bug")));

            assertEquals(1, c.select(Counters.class).get("call"), "the annotation's Exception.class no longer applies");
        }
    }

    @Test
    void aConfiguredAbortOnListStopsRetrying() {
        try (TestContainer c = TestContainer.start(RETRY_LISTS, Gateway.class, Counters.class)) {
            assertThrows(FileNotFoundException.class,
                    () -> c.select(Gateway.class).call(new FileNotFoundException("a.txt")));

            assertEquals(1, c.select(Counters.class).get("call"));
        }
    }

    @Test
    void aConfiguredSkipOnListLetsEachOfItsFailuresThroughTheFallback() throws Exception {
        Map<String, String> config = Map.of(Keys.type(Gateway.class, "fallback.skip-on"),
                "java.io.FileNotFoundException,java.lang.IllegalArgumentException");
        try (TestContainer c = TestContainer.start(config, Gateway.class, Counters.class)) {
            Gateway gateway = c.select(Gateway.class);

            assertThrows(FileNotFoundException.class, () -> gateway.read(new FileNotFoundException("a.txt")));
            assertThrows(IllegalArgumentException.class, () -> gateway.read(new IllegalArgumentException("bad")));
            assertEquals("fallback", gateway.read(new IOException("other")));
        }
    }

    @Test
    void aFallbackChainFromConfigIsACommaSeparatedListTriedInOrder() throws Exception {
        Map<String, String> config = Map.of(Keys.method(Gateway.class, "read", "fallback.fallback-method"),
                "cache, replica");
        try (TestContainer c = TestContainer.start(config, Gateway.class, Counters.class)) {
            assertEquals("replica", c.select(Gateway.class).read(new IOException("down")),
                    "cache failed, replica answered; the annotation's 'fallback' was replaced");
        }
    }
}
