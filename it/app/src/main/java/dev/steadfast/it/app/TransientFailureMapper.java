package dev.steadfast.it.app;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A failure that reached the caller unretried or unwrapped: 500, the body starting with {@code TransientFailure}. */
@Provider
public class TransientFailureMapper implements ExceptionMapper<TransientFailure> {

    @Override
    public Response toResponse(TransientFailure e) {
        return Response.status(500).type(MediaType.TEXT_PLAIN_TYPE)
                .entity(e.getClass().getSimpleName() + ": " + e.getMessage()).build();
    }
}
