package dev.steadfast;

import dev.steadfast.internal.TimeFormat;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown when a {@link Timeout} deadline passed before the call completed, whatever the method returned. For a
 * method returning a {@code CompletionStage}, the stage completes exceptionally with it.
 */
public class TimeoutExceededException extends FaultToleranceException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * @param method  the guarded method, as {@code com.acme.Quotes#fetch(String)}
     * @param timeout the time that was allowed
     */
    public TimeoutExceededException(String method, Duration timeout) {
        super(method + " timed out after " + TimeFormat.format(Objects.requireNonNull(timeout, "timeout")));
        this.timeout = timeout;
    }

    /** The time that was allowed. */
    public Duration getTimeout() {
        return timeout;
    }
}
