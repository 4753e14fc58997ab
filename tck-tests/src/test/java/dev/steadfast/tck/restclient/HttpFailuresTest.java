package dev.steadfast.tck.restclient;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.restclient.RetryableHttpException;
import dev.steadfast.restclient.TransientHttpException;
import dev.steadfast.tck.support.TestContainer;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.steadfast.tck.restclient.LoopbackServer.Answer.ok;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.status;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.unavailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * steadfast-rest-client on a real client: the recipe "retry 502, 503, 504 and 429 with backoff, honour Retry-After,
 * never retry a POST without an idempotency key", the application's own mappers first, what a failure carries, and
 * {@code RetryableStatus} on methods returning {@code Response}.
 */
class HttpFailuresTest {

    private LoopbackServer server;
    private TestContainer container;
    private QuotesClient quotes;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        container = ClientContainer.start(server, Map.of(), QuotesClient.class, OwnMapperClient.class);
        quotes = container.select(QuotesClient.class, RestClient.LITERAL);
    }

    @AfterEach
    void stop() {
        container.close();
        server.close();
    }

    @Test
    void theRecipeRetries502503504And429() {
        server.script("/quotes/a", status(502), unavailable("0"), status(504), status(429), ok("fine"));

        assertEquals("fine", quotes.fetch("a"));
        assertEquals(5, server.hits("/quotes/a"));
    }

    @Test
    void theRecipeDoesNotRetryA500() {
        server.script("/quotes/b", status(500), ok("late"));

        TransientHttpException e = assertThrows(TransientHttpException.class, () -> quotes.fetch("b"));

        assertFalse(e instanceof RetryableHttpException);
        assertEquals(1, server.hits("/quotes/b"));
    }

    @Test
    void theRecipeNeverRetriesAPostWithoutAnIdempotencyKey() {
        server.script("/quotes/c", unavailable("0"), ok("recorded"));

        TransientHttpException e = assertThrows(TransientHttpException.class, () -> quotes.record("c", "body"));

        assertFalse(e.isSafeToRetry());
        assertEquals("POST", e.getMethod());
        assertEquals(1, server.hits("/quotes/c"));
    }

    @Test
    void theRecipeRetriesAPostCarryingAnIdempotencyKey() {
        server.script("/quotes/d", unavailable("0"), ok("recorded"));

        assertEquals("recorded", quotes.recordOnce("d", "key-1", "body"));
        assertEquals(2, server.hits("/quotes/d"));
    }

    @Test
    void aFailureCarriesStatusMethodUriAndTheBodysFirstBytesButNoRequestHeaderOrQuery() {
        server.script("/quotes/e", status(500).withBody("x".repeat(1000)));

        TransientHttpException e = assertThrows(TransientHttpException.class,
                () -> quotes.recordOnce("e", "secret-key-4711", "body"));

        assertEquals(500, e.getStatus());
        assertEquals(server.url() + "/quotes/e", e.getUri());
        assertEquals("x".repeat(TransientHttpException.MAX_EXCERPT_BYTES), e.getBodyExcerpt());
        assertEquals("HTTP 500 from POST " + server.url() + "/quotes/e", e.getMessage());
        assertFalse(e.toString().contains("secret-key-4711"));
        assertInstanceOf(WebApplicationException.class, e, "code catching the default mapper's exception still works");
        assertEquals(500, e.getResponse().getStatus());
    }

    @Test
    void theApplicationsOwnMapperWins() {
        server.script("/own/f", unavailable("0"));

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                () -> container.select(OwnMapperClient.class, RestClient.LITERAL).get("f"));

        assertInstanceOf(OwnMapperClient.DependencyDown.class, e.getCause());
    }

    @Test
    void retryableStatusRetriesResponsesAndLeavesAPostWithoutKeyAlone() {
        container.close();
        container = ClientContainer.start(server, Map.of("microprofile.rest.client.disable.default.mapper", "true"),
                RawClient.class);
        RawClient raw = container.select(RawClient.class, RestClient.LITERAL);
        server.script("/raw/g", unavailable("0"), status(502), ok("raw"));
        server.script("/raw/h", unavailable("0"));

        Response retried = raw.get("g");
        assertEquals(200, retried.getStatus());
        assertEquals("raw", retried.readEntity(String.class));
        assertEquals(3, server.hits("/raw/g"));

        assertEquals(503, raw.post("h", "body").getStatus(), "a POST without key is not retried");
        assertEquals(1, server.hits("/raw/h"));

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> raw.get("h"));
        assertEquals(3, e.getAttempts());
        assertTrue(e.getLastResult().orElseThrow() instanceof Response r && r.getStatus() == 503);
    }
}
