package dev.steadfast.tck.restclient;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.restclient.RetryableHttpException;
import dev.steadfast.tck.support.TestContainer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.steadfast.tck.restclient.LoopbackServer.Answer.ok;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.unavailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 503 with {@code Retry-After} on a client guarded with {@code @Retry} (docs/rest-client.md). */
class RetryAfterTest {

    private LoopbackServer server;
    private TestContainer container;
    private FlakyClient client;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        container = ClientContainer.start(server, Map.of(), FlakyClient.class);
        client = container.select(FlakyClient.class, RestClient.LITERAL);
    }

    @AfterEach
    void stop() {
        container.close();
        server.close();
    }

    @Test
    void waitsWhatRetryAfterSaysBeforeEachRetry() {
        server.script("/flaky/a", unavailable("1"), unavailable("1"), ok("quote"));

        long start = System.nanoTime();
        String result = client.get("a");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals("quote", result);
        assertEquals(3, server.hits("/flaky/a"), "two 503s, then the 200: one request per attempt");
        assertTrue(took.compareTo(Duration.ofSeconds(2)) >= 0, "waited " + took + ", Retry-After said 1 s twice");
    }

    @Test
    void aRetryAfterBeyondTheBudgetEndsTheRetriesAtOnce() {
        server.script("/flaky/b", unavailable("86400"));

        long start = System.nanoTime();
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> client.withinFiveSeconds("b"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(1, e.getAttempts());
        assertEquals(1, server.hits("/flaky/b"));
        RetryableHttpException cause = assertInstanceOf(RetryableHttpException.class, e.getCause());
        assertEquals(503, cause.getStatus());
        assertEquals(Duration.ofHours(1), cause.retryAfter().orElseThrow(), "a day is capped at the hour");
        // One attempt and one request prove that no retry waited; the clock only rules out a sleep of the capped hour
        // (generously: a loaded machine took 4.2 s for the first call of a fresh container and client).
        assertTrue(took.compareTo(Duration.ofMinutes(1)) < 0, "gave up after " + took + ", not after an hour");
    }
}
