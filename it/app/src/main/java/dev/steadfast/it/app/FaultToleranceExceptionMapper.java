package dev.steadfast.it.app;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.FaultToleranceException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns Steadfast's exceptions into HTTP answers, as an application would: an open circuit or a full bulkhead is
 * 503/429 with {@code Retry-After}, a timeout 504, exhausted retries 502 with the attempts in {@code X-Attempts}.
 * The body starts with the exception's simple name.
 */
@Provider
public class FaultToleranceExceptionMapper implements ExceptionMapper<FaultToleranceException> {

    @Override
    public Response toResponse(FaultToleranceException e) {
        Response.ResponseBuilder answer;
        if (e instanceof CircuitOpenException open) {
            answer = Response.status(503).header("Retry-After", Math.max(1, open.getRetryAfter().toSeconds()))
                    .header("X-Breaker", open.getBreakerName());
        } else if (e instanceof BulkheadFullException) {
            answer = Response.status(429);
        } else if (e instanceof TimeoutExceededException) {
            answer = Response.status(504);
        } else if (e instanceof RetryExhaustedException exhausted) {
            answer = Response.status(502).header("X-Attempts", exhausted.getAttempts());
        } else {
            answer = Response.status(500);
        }
        return answer.type(MediaType.TEXT_PLAIN_TYPE).entity(e.getClass().getSimpleName() + ": " + e.getMessage())
                .build();
    }
}
