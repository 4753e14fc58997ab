package dev.steadfast.engine.throwaway;

/**
 * A failure type for tests that load it again in a class loader of their own, standing for an application's class
 * that must not stay reachable once its application is gone. Nothing else refers to it.
 */
public class ThrowawayFailure extends RuntimeException {

    public ThrowawayFailure() {
        super("throwaway");
    }
}
