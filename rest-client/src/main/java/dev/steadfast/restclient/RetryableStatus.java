package dev.steadfast.restclient;

import jakarta.ws.rs.core.Response;

import java.util.function.Predicate;

/**
 * For {@code @Retry(retryOnResult = RetryableStatus.class)} on a rest client method that returns {@code Response}: a
 * response counts as a failed attempt when its status is one of {@code steadfast.rest-client.retryable-statuses}
 * (429, 502, 503, 504 unless configured) and the request is safe to send again (an idempotent method, or a POST or
 * PATCH carrying the idempotency key header; a request the module's {@link RequestFacts} filter did not see counts as
 * safe). Other results, {@code null} included, are accepted.
 *
 * <p>A response it rejects is closed: the caller never gets it, and an open one would hold its connection. The last
 * one, on {@link dev.steadfast.RetryExhaustedException#getLastResult()}, still tells its status and headers.
 *
 * <p>A method returning {@code Response} only sees such statuses when no mapper turns them into exceptions first:
 * switch MicroProfile Rest Client's default mapper off ({@code microprofile.rest.client.disable.default.mapper=true});
 * the module's {@link HttpFailureMapper} then leaves those methods alone too. Thread-safe.
 */
public final class RetryableStatus implements Predicate<Object> {

    private final RestClientSettings settings;

    /** With the settings config gives now: Steadfast creates it once, at deployment. */
    public RetryableStatus() {
        this(RestClientSettings.current());
    }

    RetryableStatus(RestClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean test(Object result) {
        if (!(result instanceof Response response) || !settings.retryableStatuses().contains(response.getStatus())) {
            return false;
        }
        RequestFacts.Facts facts = RequestFacts.Facts.of(response);
        if (facts != RequestFacts.Facts.UNKNOWN && !facts.safeToRetry()) {
            return false;
        }
        response.close();
        return true;
    }
}
