package dev.steadfast.tck.restclient;

import dev.steadfast.CircuitBreaker;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/** An unnamed breaker on the interface (one per method), and a breaker named "backend" shared with a bean. */
@RegisterRestClient(configKey = "breaker")
@Path("/breaker")
@Produces(MediaType.TEXT_PLAIN)
@CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES)
public interface BreakerClient {

    @GET
    @Path("/{s}")
    String get(@PathParam("s") String s);

    @GET
    @Path("/backend/{s}")
    @CircuitBreaker(name = "backend", requestVolumeThreshold = 4, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    String backend(@PathParam("s") String s);
}
