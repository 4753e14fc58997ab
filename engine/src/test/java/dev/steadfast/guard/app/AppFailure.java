package dev.steadfast.guard.app;

/** An application's own exception type, named in a breaker's {@code failOn}: the breaker's policy refers to it. */
public class AppFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AppFailure(String message) {
        super(message);
    }
}
