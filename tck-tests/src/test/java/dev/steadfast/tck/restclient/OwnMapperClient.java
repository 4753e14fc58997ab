package dev.steadfast.tck.restclient;

import dev.steadfast.Retry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A client whose application mapper handles 503 itself: it wins over Steadfast's. */
@RegisterRestClient(configKey = "own")
@RegisterProvider(OwnMapperClient.Unavailable.class)
@Path("/own")
public interface OwnMapperClient {

    @GET
    @Path("/{s}")
    @Retry(maxRetries = 0)
    String get(@PathParam("s") String s);

    /** The application's own failure. */
    class DependencyDown extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public DependencyDown(String message) {
            super(message);
        }
    }

    /** The application's own mapper, at the default priority. */
    class Unavailable implements ResponseExceptionMapper<DependencyDown> {

        @Override
        public boolean handles(int status, MultivaluedMap<String, Object> headers) {
            return status == 503;
        }

        @Override
        public DependencyDown toThrowable(Response response) {
            return new DependencyDown("dependency down: " + response.getStatus());
        }
    }
}
