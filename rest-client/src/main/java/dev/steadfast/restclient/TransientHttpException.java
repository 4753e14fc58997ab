package dev.steadfast.restclient;

import dev.steadfast.RetryAfterHint;
import dev.steadfast.internal.TimeFormat;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A rest client call answered with a status that may well pass: 408, 429 or any 5xx. Thrown by the module's
 * {@code ResponseExceptionMapper} where MicroProfile Rest Client's default mapper would throw a plain
 * {@link WebApplicationException}, so code catching that still catches this. {@link #getResponse()} is a fresh
 * response with the status and the {@code Retry-After} header only: the call's own response has been read (its first
 * bytes are {@link #getBodyExcerpt()}) and closed, and a server resource that lets this exception through must not
 * send a closed response, or the downstream's length and encoding headers, to its own caller.
 *
 * <p>It is a {@link RetryAfterHint}: for 429 and 503 with a {@code Retry-After} header, {@link #retryAfter()} is that
 * delay (capped by {@code steadfast.rest-client.max-retry-after}), and a {@code @Retry} waits at least that long before
 * the next attempt; a hint longer than what is left of the retry's {@code maxDuration} ends the retries at once. For
 * other statuses, or without the header, it is empty.
 *
 * <p>It carries what identifies the call (status, HTTP method, URI without its query) and nothing the caller sent:
 * no request header, no query string, no request body. The message is built from those; the body excerpt is never in
 * it.
 */
public class TransientHttpException extends WebApplicationException implements RetryAfterHint {

    private static final long serialVersionUID = 1L;

    /** The most bytes of the response's entity kept in {@link #getBodyExcerpt()}. */
    public static final int MAX_EXCERPT_BYTES = 256;

    private final int status;
    private final String method;
    private final String uri;
    private final boolean safeToRetry;
    private final String bodyExcerpt;
    private final Duration retryAfter;

    /**
     * @param response    the call's response; only its status and {@code Retry-After} header are kept
     * @param method      the request's HTTP method, {@code "?"} when unknown
     * @param uri         the request's URI without query, fragment and user info, {@code "?"} when unknown
     * @param safeToRetry whether the request may be sent again: an idempotent method, or a request that carried the
     *                    idempotency key header
     * @param bodyExcerpt the first bytes of the entity as text, at most {@link #MAX_EXCERPT_BYTES} bytes
     * @param retryAfter  the {@code Retry-After} delay, or {@code null}
     */
    public TransientHttpException(Response response, String method, String uri, boolean safeToRetry,
            String bodyExcerpt, Duration retryAfter) {
        super(message(response.getStatus(), method, uri, retryAfter), null, detached(response));
        this.status = response.getStatus();
        this.method = Objects.requireNonNull(method, "method");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.safeToRetry = safeToRetry;
        this.bodyExcerpt = Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
        this.retryAfter = retryAfter;
    }

    /** Status and {@code Retry-After} of {@code response}, in a new response without entity. */
    static Response detached(Response response) {
        Response.ResponseBuilder copy = Response.status(response.getStatus());
        String retryAfter = response.getHeaderString("Retry-After");
        if (retryAfter != null) {
            copy.header("Retry-After", retryAfter);
        }
        return copy.build();
    }

    private static String message(int status, String method, String uri, Duration retryAfter) {
        return "HTTP " + status + " from " + method + " " + uri
                + (retryAfter == null ? "" : "; Retry-After " + TimeFormat.format(retryAfter));
    }

    /** The response's status. */
    public int getStatus() {
        return status;
    }

    /** The request's HTTP method ({@code GET}), or {@code "?"} when the module's filter did not see the request. */
    public String getMethod() {
        return method;
    }

    /** The request's URI without query, fragment and user info, or {@code "?"} when unknown. */
    public String getUri() {
        return uri;
    }

    /**
     * Whether sending the request again is safe: its method is idempotent (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) or it
     * carried the idempotency key header ({@code steadfast.rest-client.idempotency-key-header}).
     */
    public boolean isSafeToRetry() {
        return safeToRetry;
    }

    /** Up to the first {@value #MAX_EXCERPT_BYTES} bytes of the response's entity, as UTF-8; empty when it had none. */
    public String getBodyExcerpt() {
        return bodyExcerpt;
    }

    /** The {@code Retry-After} delay of a 429 or 503, capped; empty otherwise. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
