package dev.steadfast.it.app;

/** A failure that goes away when the call is tried again: what the guarded methods of the test application throw. */
public class TransientFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TransientFailure(String message) {
        super(message);
    }
}
