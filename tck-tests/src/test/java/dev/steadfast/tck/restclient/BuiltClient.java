package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A client built with {@code RestClientBuilder} only: no {@code @RegisterRestClient}. */
@Path("/built")
public interface BuiltClient {

    @GET
    @Path("/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    @Retry(maxRetries = 2)
    String get(@PathParam("key") String key);
}
