package dev.steadfast.tck.restclient;

import dev.steadfast.Fallback;
import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Three broken definitions on one client interface: each fails the deployment, like on a bean. */
@RegisterRestClient(configKey = "invalid")
@Path("/invalid")
public interface InvalidClient {

    @GET
    @Path("/{s}")
    @Retry(jitter = 2)
    String get(@PathParam("s") String s);

    @GET
    @Path("/{s}")
    @Fallback(fallbackMethod = "cached")
    String withMethod(@PathParam("s") String s);

    default String cached(String s) {
        return "cached";
    }

    @Retry
    default String local() {
        return get("local");
    }
}
