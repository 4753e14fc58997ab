package dev.steadfast.it.app;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The flaky dependency {@link LoopbackClient} calls: answers that fail on purpose, each request counted in the
 * {@link Ledger} under its key, so a scenario sees how many requests the client really made.
 */
@Path("ft/endpoint")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class LoopbackEndpoint {

    @Inject
    Ledger ledger;

    /** 503 with {@code Retry-After: <retryAfter>} for the first {@code times} requests, then 200. */
    @GET
    @Path("unavailable")
    public Response unavailable(@QueryParam("key") String key, @QueryParam("times") int times,
            @QueryParam("retryAfter") String retryAfter) {
        int request = ledger.touch(key);
        if (request <= times) {
            return Response.status(503).header("Retry-After", retryAfter).entity("unavailable").build();
        }
        return Response.ok("served " + key + " on request " + request).build();
    }

    /** Answers after {@code millis}. */
    @GET
    @Path("slow")
    public String slow(@QueryParam("key") String key, @QueryParam("millis") long millis) throws InterruptedException {
        ledger.touch(key);
        Thread.sleep(millis);
        return "slow";
    }

    /** Always 500. */
    @GET
    @Path("failing")
    public Response failing(@QueryParam("key") String key) {
        ledger.touch(key);
        return Response.status(500).entity("failing").build();
    }

    /** 500 for the first {@code failures} requests, then 200. */
    @GET
    @Path("flaky")
    public Response flaky(@QueryParam("key") String key, @QueryParam("failures") int failures) {
        int request = ledger.touch(key);
        if (request <= failures) {
            return Response.status(500).entity("flaky").build();
        }
        return Response.ok("ok on request " + request).build();
    }
}
