package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A client built with {@code RestClientBuilder} only: no {@code @RegisterRestClient}, found as a JAX-RS interface. */
@Path("/built")
@Produces(MediaType.TEXT_PLAIN)
public interface BuiltClient {

    @GET
    @Path("/{key}")
    @Retry(maxRetries = 2)
    String get(@PathParam("key") String key);
}
