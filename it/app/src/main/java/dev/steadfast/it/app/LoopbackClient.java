package dev.steadfast.it.app;

import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * A MicroProfile Rest Client interface guarded by Steadfast, calling {@link LoopbackEndpoint} of this same application
 * over loopback. The configured base URL is a placeholder that {@link LoopbackTarget} points at the server the
 * request came in on, whose port is only known at run time.
 */
@RegisterRestClient(configKey = "loopback")
@RegisterProvider(LoopbackTarget.class)
@Path("ft/endpoint")
@Produces(MediaType.TEXT_PLAIN)
public interface LoopbackClient {

    @GET
    @Path("unavailable")
    @Retry(maxRetries = 3)
    String unavailable(@QueryParam("key") String key, @QueryParam("times") int times,
            @QueryParam("retryAfter") String retryAfter);

    @GET
    @Path("unavailable")
    @Retry(maxRetries = 3, maxDuration = 5, durationUnit = ChronoUnit.SECONDS)
    String withinFiveSeconds(@QueryParam("key") String key, @QueryParam("times") int times,
            @QueryParam("retryAfter") String retryAfter);

    @GET
    @Path("slow")
    @Timeout(200)
    String slow(@QueryParam("key") String key, @QueryParam("millis") long millis);

    @GET
    @Path("failing")
    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
    String broken(@QueryParam("key") String key);

    @GET
    @Path("unavailable")
    @Retry(maxRetries = 1)
    @Fallback(CachedAnswer.class)
    String withFallback(@QueryParam("key") String key, @QueryParam("times") int times,
            @QueryParam("retryAfter") String retryAfter);

    @GET
    @Path("flaky")
    @Retry(maxRetries = 3)
    String flaky(@QueryParam("key") String key, @QueryParam("failures") int failures);
}
