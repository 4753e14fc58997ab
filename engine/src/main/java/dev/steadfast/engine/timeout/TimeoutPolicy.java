package dev.steadfast.engine.timeout;

/** How long a call may take, resolved and validated. */
public record TimeoutPolicy(long timeoutNanos) {

    public TimeoutPolicy {
        if (timeoutNanos < 1) {
            throw new IllegalArgumentException("timeout must be positive: " + timeoutNanos + " ns");
        }
    }
}
