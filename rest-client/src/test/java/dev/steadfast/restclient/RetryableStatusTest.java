package dev.steadfast.restclient;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryableStatusTest {

    private final RetryableStatus predicate = new RetryableStatus(RestClientSettings.DEFAULTS);

    @Test
    void rejectsRetryableStatusesOfSafeRequests() {
        for (int status : new int[] {429, 502, 503, 504}) {
            assertTrue(predicate.test(Response.status(status).header(RequestFacts.HEADER, "GET 1 1 http://h/").build()));
        }
        assertTrue(predicate.test(Response.status(503).build()), "a request the filter did not see counts as safe");
    }

    @Test
    void acceptsEverythingElse() {
        assertFalse(predicate.test(Response.ok().build()));
        assertFalse(predicate.test(Response.status(500).build()));
        assertFalse(predicate.test(Response.status(404).build()));
        assertFalse(predicate.test("not a response"));
        assertFalse(predicate.test(null));
        assertFalse(predicate.test(Response.status(503).header(RequestFacts.HEADER, "POST 0 1 http://h/").build()),
                "a POST without idempotency key is never retried");
    }
}
