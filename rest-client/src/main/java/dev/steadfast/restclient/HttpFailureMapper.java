package dev.steadfast.restclient;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Turns 408, 429 and every 5xx into a {@link TransientHttpException} (a {@link RetryableHttpException} when the status
 * is retryable and the request safe to send again), with the {@code Retry-After} of a 429 or 503 as its hint.
 *
 * <p>Its priority is {@value #PRIORITY}: the lowest of all but MicroProfile Rest Client's default mapper
 * ({@code Integer.MAX_VALUE}). So any mapper of the application that handles the status wins, and this one replaces
 * the default mapper's plain {@code WebApplicationException}. Where the default mapper is switched off
 * ({@code microprofile.rest.client.disable.default.mapper=true}), a method returning {@code Response} gets its
 * {@code Response} as before, for {@link RetryableStatus} to judge; other methods still get the exception.
 *
 * <p>Registered on every rest client by the module's {@code RestClientListener} (with {@link RequestFacts}, which
 * tells it the request's method and URI). Thread-safe.
 */
public final class HttpFailureMapper implements ResponseExceptionMapper<TransientHttpException> {

    /** Just above the default mapper's {@code Integer.MAX_VALUE}: every other mapper comes first. */
    public static final int PRIORITY = Integer.MAX_VALUE - 1;

    private final RestClientSettings settings;
    private final Clock clock;
    private final boolean defaultMapperDisabled;

    /** With the settings config gives now, the system clock and the default mapper on. */
    public HttpFailureMapper() {
        this(RestClientSettings.current(), Clock.systemUTC(), false);
    }

    /**
     * @param clock                 reads the time for {@code Retry-After} dates
     * @param defaultMapperDisabled whether the client has the default mapper switched off
     */
    HttpFailureMapper(RestClientSettings settings, Clock clock, boolean defaultMapperDisabled) {
        this.settings = settings;
        this.clock = clock;
        this.defaultMapperDisabled = defaultMapperDisabled;
    }

    /** 408 Request Timeout, 429 Too Many Requests, 500 to 599. */
    static boolean isTransient(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        if (!isTransient(status)) {
            return false;
        }
        return !defaultMapperDisabled || !RequestFacts.Facts.of(headers).returnsResponse();
    }

    @Override
    public TransientHttpException toThrowable(Response response) {
        RequestFacts.Facts facts = RequestFacts.Facts.of(response);
        int status = response.getStatus();
        Duration retryAfter = status == 429 || status == 503
                ? RetryAfter.parse(response.getHeaderString("Retry-After"), clock.instant(), settings.maxRetryAfter())
                        .orElse(null)
                : null;
        Response kept = TransientHttpException.detached(response); // before the excerpt closes the response
        String excerpt = excerpt(response);
        if (facts.safeToRetry() && settings.retryableStatuses().contains(status)) {
            return new RetryableHttpException(kept, facts.method(), facts.uri(), excerpt, retryAfter);
        }
        return new TransientHttpException(kept, facts.method(), facts.uri(), facts.safeToRetry(), excerpt,
                retryAfter);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** The entity's first bytes, read without buffering the rest; the response is closed after. */
    static String excerpt(Response response) {
        try {
            if (!response.hasEntity()) {
                return "";
            }
            // Response.close() below closes the stream: the rest of the entity is never buffered here.
            InputStream in = response.readEntity(InputStream.class);
            byte[] first = in.readNBytes(TransientHttpException.MAX_EXCERPT_BYTES);
            return new String(first, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            return "";
        } finally {
            try {
                response.close();
            } catch (RuntimeException alreadyGone) {
                // nothing more to release
            }
        }
    }
}
