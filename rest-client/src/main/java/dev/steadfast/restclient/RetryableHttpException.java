package dev.steadfast.restclient;

import jakarta.ws.rs.core.Response;

import java.time.Duration;

/**
 * A {@link TransientHttpException} worth retrying: its status is one of {@code steadfast.rest-client.retryable-statuses}
 * (429, 502, 503 and 504 unless configured) and the request is safe to send again (an idempotent method, or a request
 * carrying the idempotency key header). {@code @Retry(retryOn = RetryableHttpException.class)} is the whole rule
 * "retry 502, 503, 504 and 429, never a POST without an idempotency key".
 */
public class RetryableHttpException extends TransientHttpException {

    private static final long serialVersionUID = 1L;

    /** See {@link TransientHttpException#TransientHttpException}; the request is safe to retry. */
    public RetryableHttpException(Response response, String method, String uri, String bodyExcerpt,
            Duration retryAfter) {
        super(response, method, uri, true, bodyExcerpt, retryAfter);
    }
}
