package dev.steadfast;

/**
 * Base of every exception Steadfast throws. Subclasses say what happened: a spent retry budget, an open circuit, a
 * timeout, a full bulkhead, an exceeded rate limit, or a broken definition found at deployment.
 */
public class FaultToleranceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, naming the method and the policy
     */
    public FaultToleranceException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the method and the policy
     * @param cause   the failure behind it, may be {@code null}
     */
    public FaultToleranceException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * For rejections that happen often and need no stack trace: {@code writableStackTrace = false} makes them cheap.
     *
     * @param message            what happened, may be {@code null} when {@link #getMessage()} is overridden
     * @param cause              the failure behind it, may be {@code null}
     * @param enableSuppression  whether suppressed exceptions are recorded
     * @param writableStackTrace whether the stack trace is filled in
     */
    protected FaultToleranceException(String message, Throwable cause, boolean enableSuppression,
            boolean writableStackTrace) {
        super(message, cause, enableSuppression, writableStackTrace);
    }
}
