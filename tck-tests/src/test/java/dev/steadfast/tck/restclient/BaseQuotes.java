package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A JAX-RS super-interface declaring a guarded method that {@link InheritingClient} inherits. */
public interface BaseQuotes {

    @GET
    @Path("/{s}")
    @Produces(MediaType.TEXT_PLAIN)
    @Retry(maxRetries = 1)
    String inherited(@PathParam("s") String s);
}
