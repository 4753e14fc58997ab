package dev.steadfast.it.app;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.RetryAfterHint;
import dev.steadfast.impl.cdi.GuardedRestClients;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * {@code /ft/client/...}: calls {@link LoopbackClient}, injected with {@code @RestClient} or built with
 * {@code RestClientBuilder}, against {@link LoopbackEndpoint} of this application. Steadfast's failures reach the
 * caller through the application's exception mappers; answers carry {@code X-Elapsed-Millis}, the time the client
 * call took.
 */
@Path("ft/client")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class RestClientResource {

    @Inject
    @RestClient
    LoopbackClient client;

    @Context
    UriInfo uriInfo;

    /** 503 with {@code Retry-After: 1} twice, then 200. */
    @GET
    @Path("retry-after")
    public Response retryAfter(@QueryParam("key") String key) {
        LoopbackTarget.base(uriInfo.getBaseUri());
        long start = System.nanoTime();
        String answer = client.unavailable(key, 2, "1");
        return timed(Response.ok(answer), start);
    }

    /** 503 with {@code Retry-After: 86400} on a retry with a 5 s budget: exhausted at once, with its hint. */
    @GET
    @Path("retry-after-beyond-budget")
    public Response beyondBudget(@QueryParam("key") String key) {
        LoopbackTarget.base(uriInfo.getBaseUri());
        long start = System.nanoTime();
        try {
            return timed(Response.ok(client.withinFiveSeconds(key, 100, "86400")), start);
        } catch (RetryExhaustedException e) {
            long hint = e.getCause() instanceof RetryAfterHint h ? h.retryAfter().map(d -> d.toSeconds()).orElse(-1L)
                    : -1;
            return timed(Response.status(502).header("X-Attempts", e.getAttempts()).header("X-Retry-After", hint)
                    .entity("RetryExhaustedException: " + e.getMessage()), start);
        }
    }

    /** An answer after 1 s, behind a 200 ms timeout. */
    @GET
    @Path("timeout")
    public String timeout(@QueryParam("key") String key) {
        LoopbackTarget.base(uriInfo.getBaseUri());
        return client.slow(key, 1000);
    }

    /** Always 500, behind a breaker opening after 2 failures. */
    @GET
    @Path("breaker")
    public String breaker(@QueryParam("key") String key) {
        LoopbackTarget.base(uriInfo.getBaseUri());
        return client.broken(key);
    }

    /** Always 503 with {@code Retry-After: 0}, retried once, then the fallback. */
    @GET
    @Path("fallback")
    public String fallback(@QueryParam("key") String key) {
        LoopbackTarget.base(uriInfo.getBaseUri());
        return client.withFallback(key, 100, "0");
    }

    /** A client built with {@code RestClientBuilder}, guarded by {@link GuardedRestClients}: 500 twice, then 200. */
    @GET
    @Path("built")
    public String built(@QueryParam("key") String key) {
        LoopbackClient built = GuardedRestClients.guard(LoopbackClient.class,
                RestClientBuilder.newBuilder().baseUri(uriInfo.getBaseUri()).build(LoopbackClient.class));
        try {
            return built.flaky(key, 2);
        } finally {
            close(built);
        }
    }

    private static Response timed(Response.ResponseBuilder answer, long start) {
        return answer.header("X-Elapsed-Millis", (System.nanoTime() - start) / 1_000_000).build();
    }

    private static void close(Object client) {
        if (client instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing a client that is done anyway
            }
        }
    }
}
