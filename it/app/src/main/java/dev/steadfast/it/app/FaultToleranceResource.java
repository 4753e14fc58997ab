package dev.steadfast.it.app;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitBreakers;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP face of the test application: {@code /ft/{kind}/...} calls one operation of the {@link Guarded} bean of
 * that kind ({@code cdi}, {@code ejb}); the other paths read the ledger, the breakers (through the injected
 * {@link CircuitBreakers}) and drive the gates. Answers are plain text.
 */
@Path("ft")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class FaultToleranceResource {

    @Inject
    @Any
    Instance<Guarded> guarded;

    @Inject
    ServerFaultToleranceBean serverFaultTolerance;

    @Inject
    CircuitBreakers breakers;

    @Inject
    Ledger ledger;

    @Inject
    Gates gates;

    @GET
    @Path("kinds")
    public String kinds() {
        return String.join(",", byKind().keySet());
    }

    @GET
    @Path("{kind}/flaky")
    public String flaky(@PathParam("kind") String kind, @QueryParam("key") String key,
            @QueryParam("failures") int failures) {
        return guarded(kind).flaky(key, failures);
    }

    @GET
    @Path("{kind}/exhaust")
    public String exhaust(@PathParam("kind") String kind, @QueryParam("key") String key) {
        return guarded(kind).exhaust(key);
    }

    @GET
    @Path("{kind}/overridden")
    public String overridden(@PathParam("kind") String kind, @QueryParam("key") String key) {
        return guarded(kind).overridden(key);
    }

    @GET
    @Path("{kind}/backend")
    public String backend(@PathParam("kind") String kind, @QueryParam("key") String key,
            @QueryParam("fail") boolean fail) {
        return guarded(kind).backend(key, fail);
    }

    @GET
    @Path("{kind}/slow")
    public String slow(@PathParam("kind") String kind, @QueryParam("key") String key) {
        return guarded(kind).slow(key);
    }

    @GET
    @Path("{kind}/quote")
    public String quote(@PathParam("kind") String kind, @QueryParam("key") String key) {
        return guarded(kind).quote(key);
    }

    @GET
    @Path("{kind}/held")
    public String held(@PathParam("kind") String kind, @QueryParam("gate") String gate) {
        return guarded(kind).held(gate);
    }

    @GET
    @Path("server-ft/flaky")
    public String serverFlaky(@QueryParam("key") String key, @QueryParam("failures") int failures) {
        return serverFaultTolerance.flaky(key, failures);
    }

    @GET
    @Path("server-ft/exhaust")
    public String serverExhaust(@QueryParam("key") String key) {
        return serverFaultTolerance.exhaust(key);
    }

    @GET
    @Path("ledger/{key}")
    public String ledger(@PathParam("key") String key) {
        return Integer.toString(ledger.count(key));
    }

    @GET
    @Path("events/retry")
    public String retryEvents(@QueryParam("method") String method) {
        return Integer.toString(ledger.retryEvents(method));
    }

    /** {@code state=OPEN total=4 successful=0 failed=4 rejected=1}, from the injected registry. */
    @GET
    @Path("breakers/{name}")
    public String breaker(@PathParam("name") String name) {
        CircuitBreakerHandle handle = breakers.find(name)
                .orElseThrow(() -> new NotFoundException("No circuit breaker named '" + name + "'"));
        CircuitBreakerStats stats = handle.stats();
        return "state=" + handle.state() + " total=" + stats.totalCalls() + " successful=" + stats.successfulCalls()
                + " failed=" + stats.failedCalls() + " rejected=" + stats.rejectedCalls();
    }

    @POST
    @Path("breakers/{name}/reset")
    public String resetBreaker(@PathParam("name") String name) {
        breakers.get(name).reset();
        return breaker(name);
    }

    @GET
    @Path("gates/{name}/entered")
    public Response awaitEntered(@PathParam("name") String name, @QueryParam("calls") int calls)
            throws InterruptedException {
        return gates.awaitEntered(name, calls) ? Response.ok("entered").build()
                : Response.status(Response.Status.REQUEST_TIMEOUT).entity("not entered").build();
    }

    @POST
    @Path("gates/{name}/open")
    public String open(@PathParam("name") String name) {
        gates.open(name);
        return "open";
    }

    private Guarded guarded(String kind) {
        Guarded g = byKind().get(kind);
        if (g == null) {
            throw new NotFoundException("No guarded bean of kind '" + kind + "'");
        }
        return g;
    }

    private Map<String, Guarded> byKind() {
        Map<String, Guarded> all = new TreeMap<>();
        for (Guarded g : guarded) {
            all.put(g.kind(), g);
        }
        return all;
    }
}
