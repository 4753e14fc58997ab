package dev.steadfast.restclient;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpFailureMapperTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private final HttpFailureMapper mapper = new HttpFailureMapper(RestClientSettings.DEFAULTS, CLOCK, false);

    private static Response response(int status, String facts, String retryAfter) {
        Response.ResponseBuilder b = Response.status(status).entity("body of " + status);
        if (facts != null) {
            b.header(RequestFacts.HEADER, facts);
        }
        if (retryAfter != null) {
            b.header("Retry-After", retryAfter);
        }
        return b.build();
    }

    @Test
    void handles408And429AndEvery5xxOnly() {
        MultivaluedMap<String, Object> none = new MultivaluedHashMap<>();
        for (int status : new int[] {408, 429, 500, 501, 502, 503, 504, 599}) {
            assertTrue(mapper.handles(status, none), "" + status);
        }
        for (int status : new int[] {200, 301, 400, 401, 404, 409}) {
            assertFalse(mapper.handles(status, none), "" + status);
        }
    }

    @Test
    void a503OnAGetIsRetryableWithItsRetryAfter() {
        TransientHttpException e = mapper.toThrowable(response(503, "GET 1 0 http://127.0.0.1:1/q", "7"));

        assertInstanceOf(RetryableHttpException.class, e);
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        assertEquals("HTTP 503 from GET http://127.0.0.1:1/q; Retry-After 7.0 s", e.getMessage());
    }

    @Test
    void a429WithADateWaitsUntilThen() {
        TransientHttpException e = mapper.toThrowable(
                response(429, "GET 1 0 http://h/q", "Sun, 01 Mar 2026 12:00:10 GMT"));

        assertEquals(Optional.of(Duration.ofSeconds(10)), e.retryAfter());
    }

    @Test
    void aPostWithoutKeyIsTransientButNotRetryable() {
        TransientHttpException e = mapper.toThrowable(response(503, "POST 0 0 http://h/q", "1"));

        assertFalse(e instanceof RetryableHttpException);
        assertFalse(e.isSafeToRetry());
        assertEquals(Optional.of(Duration.ofSeconds(1)), e.retryAfter(), "still a RetryAfterHint");
    }

    @Test
    void a500IsTransientWithoutHintAndARetryAfterOnItIsIgnored() {
        TransientHttpException e = mapper.toThrowable(response(500, "GET 1 0 http://h/q", "5"));

        assertFalse(e instanceof RetryableHttpException);
        assertEquals(Optional.empty(), e.retryAfter());
    }

    @Test
    void withoutTheFiltersFactsTheRequestIsUnknownAndNotSafe() {
        TransientHttpException e = mapper.toThrowable(response(502, null, null));

        assertEquals("?", e.getMethod());
        assertFalse(e instanceof RetryableHttpException);
    }

    @Test
    void withTheDefaultMapperOffAMethodReturningResponseGetsItsResponse() {
        HttpFailureMapper off = new HttpFailureMapper(RestClientSettings.DEFAULTS, CLOCK, true);
        MultivaluedMap<String, Object> returnsResponse = new MultivaluedHashMap<>();
        returnsResponse.putSingle(RequestFacts.HEADER, "GET 1 1 http://h/q");
        MultivaluedMap<String, Object> returnsString = new MultivaluedHashMap<>();
        returnsString.putSingle(RequestFacts.HEADER, "GET 1 0 http://h/q");

        assertFalse(off.handles(503, returnsResponse));
        assertTrue(off.handles(503, returnsString));
        assertTrue(mapper.handles(503, returnsResponse), "with the default mapper on, an exception comes anyway");
    }

    @Test
    void itsPriorityLetsEveryOtherMapperButTheDefaultOneGoFirst() {
        assertEquals(Integer.MAX_VALUE - 1, mapper.getPriority());
    }

    @Test
    void theUriKeepsNoQueryFragmentOrUserInfo() {
        assertEquals("https://api.example:8443/quotes/ACME",
                RequestFacts.withoutQuery(URI.create("https://user:pw@api.example:8443/quotes/ACME?key=s3cret#x")));
    }
}
