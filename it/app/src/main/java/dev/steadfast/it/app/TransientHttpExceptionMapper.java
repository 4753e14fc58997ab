package dev.steadfast.it.app;

import dev.steadfast.restclient.TransientHttpException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A rest client failure that reached the resource: 500, the body starting with the exception's simple name. Without
 * it, JAX-RS would answer with the failed call's own response, as the exception is a {@code WebApplicationException}.
 */
@Provider
public class TransientHttpExceptionMapper implements ExceptionMapper<TransientHttpException> {

    @Override
    public Response toResponse(TransientHttpException e) {
        return Response.status(500).type(MediaType.TEXT_PLAIN_TYPE)
                .entity(e.getClass().getSimpleName() + ": " + e.getMessage()).build();
    }
}
