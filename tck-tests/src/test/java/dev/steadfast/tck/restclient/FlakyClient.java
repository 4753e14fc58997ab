package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

@RegisterRestClient(configKey = "flaky")
@Path("/flaky")
public interface FlakyClient {

    @GET
    @Path("/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    @Retry(maxRetries = 3)
    String get(@PathParam("key") String key);

    @GET
    @Path("/{key}")
    @Produces(MediaType.TEXT_PLAIN)
    @Retry(maxRetries = 3, maxDuration = 5, durationUnit = ChronoUnit.SECONDS)
    String withinFiveSeconds(@PathParam("key") String key);
}
