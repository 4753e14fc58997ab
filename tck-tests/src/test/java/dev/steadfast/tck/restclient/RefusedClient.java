package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Pointed at a port where nothing listens. */
@RegisterRestClient(configKey = "refused")
@Path("/refused")
public interface RefusedClient {

    @GET
    @Path("/{s}")
    @Retry(maxRetries = 2, delay = 10)
    String get(@PathParam("s") String s);
}
