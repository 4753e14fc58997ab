package dev.steadfast;

/**
 * CDI event fired when Steadfast rejects a call without invoking the method; observe it with
 * {@code @Observes CallRejected}. An observer that throws is logged and never breaks the guarded call.
 *
 * @param method the guarded method, as {@code com.acme.Quotes#fetch(String)}
 * @param reason which policy rejected it
 */
public record CallRejected(String method, Reason reason) {

    /** The policy that rejected a call. */
    public enum Reason {
        /** An open, forced-open or saturated half-open circuit breaker. */
        CIRCUIT_OPEN,
        /** A full bulkhead. */
        BULKHEAD_FULL,
        /** An exceeded rate limit. */
        RATE_LIMITED
    }
}
