package dev.steadfast.tck.restclient;

import dev.steadfast.Backoff;
import dev.steadfast.Bulkhead;
import dev.steadfast.Fallback;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import dev.steadfast.restclient.RetryableHttpException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;

/** Every annotation on a rest client: {@code @Retry} on the interface, the others (and overrides) on methods. */
@RegisterRestClient(configKey = "quotes")
@Path("/quotes")
@Produces(MediaType.TEXT_PLAIN)
@Retry(maxRetries = 2)
public interface QuotesClient {

    @GET
    @Path("/{s}")
    String get(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @Retry(maxRetries = 0)
    String once(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    CompletionStage<String> stage(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @Timeout(200)
    @Retry(maxRetries = 0)
    String slow(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @Timeout(200)
    @Retry(maxRetries = 0)
    CompletionStage<String> slowStage(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @Retry(maxRetries = 1)
    @Fallback(CachedQuote.class)
    String withFallback(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @Bulkhead(1)
    @Retry(maxRetries = 0)
    String narrow(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.MINUTES)
    @Retry(maxRetries = 0)
    String limited(@PathParam("s") String s);

    /** The recipe: retry 429, 502, 503 and 504 with backoff, honour Retry-After, never a POST without a key. */
    @GET
    @Path("/{s}")
    @Retry(maxRetries = 4, delay = 10, backoff = Backoff.EXPONENTIAL, jitter = 0.2, maxDelay = 200,
            retryOn = RetryableHttpException.class)
    String fetch(@PathParam("s") String s);

    @POST
    @Path("/{s}")
    @Retry(maxRetries = 4, delay = 10, backoff = Backoff.EXPONENTIAL, jitter = 0.2, maxDelay = 200,
            retryOn = RetryableHttpException.class)
    String record(@PathParam("s") String s, String body);

    @POST
    @Path("/{s}")
    @Retry(maxRetries = 4, delay = 10, backoff = Backoff.EXPONENTIAL, jitter = 0.2, maxDelay = 200,
            retryOn = RetryableHttpException.class)
    String recordOnce(@PathParam("s") String s, @HeaderParam("Idempotency-Key") String key, String body);
}
