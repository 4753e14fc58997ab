package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import dev.steadfast.restclient.RetryableStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Methods returning {@code Response}, judged by {@link RetryableStatus} (with the default mapper switched off). */
@RegisterRestClient(configKey = "raw")
@Path("/raw")
public interface RawClient {

    @GET
    @Path("/{s}")
    @Retry(maxRetries = 2, retryOnResult = RetryableStatus.class)
    Response get(@PathParam("s") String s);

    @POST
    @Path("/{s}")
    @Retry(maxRetries = 2, retryOnResult = RetryableStatus.class)
    Response post(@PathParam("s") String s, String body);
}
