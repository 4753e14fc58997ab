package dev.steadfast;

/**
 * The health of the application's dependencies as its circuit breakers see it, and whether its fleet-wide policies
 * are in touch with the fleet. Injectable, thread-safe; a report never calls the cluster backend.
 */
public interface FaultToleranceHealth {

    /** A fresh report: every breaker, the cluster status and the overall status. */
    SystemHealth report();
}
