package dev.steadfast;

/** The health of the application's dependencies as its circuit breakers see it. Injectable, thread-safe. */
public interface FaultToleranceHealth {

    /** A fresh report: every breaker and the overall status. */
    SystemHealth report();
}
