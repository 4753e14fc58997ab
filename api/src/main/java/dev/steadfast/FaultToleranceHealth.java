package dev.steadfast;

/**
 * The health of the application's dependencies: as its circuit breakers see them, as its registered
 * {@link ComponentCheck}s find them, and whether its fleet-wide policies are in touch with the fleet. Injectable
 * (application scoped); outside CDI, {@code dev.steadfast.guard.Steadfast.health()}. Thread-safe; a report never calls
 * the cluster backend.
 */
public interface FaultToleranceHealth {

    /**
     * A fresh report: every breaker, the cluster status, every component and the overall status (the worst of them,
     * and at least DEGRADED while the cluster is). Checks that run on demand are run now, concurrently, and the report
     * waits for them at most as long as their timeouts; scheduled checks are shown with their latest result and its
     * age. Never waits longer than the longest check timeout, so a hung component makes a FAILING report, not a hung
     * one.
     */
    SystemHealth report();

    /**
     * Whether the application's fleet-wide policies are in touch with the fleet now, as {@link SystemHealth#cluster()}
     * says, but without running any component check: for a reader that wants the cluster status alone. The default
     * takes it from a {@link #report()}.
     */
    default ClusterStatus clusterStatus() {
        return report().cluster();
    }

    /**
     * Registers a check for code without CDI (in a CDI container, a bean implementing {@link ComponentCheck} is
     * registered by itself). A scheduled check runs its first time at once. The default throws
     * {@link UnsupportedOperationException}: a report of breakers alone takes no checks.
     *
     * @return closing it removes the check from the reports and stops its schedule
     * @throws IllegalArgumentException when the check's name is blank or already registered, or its timeout or
     *                                  interval is not allowed (a timeout must be positive, an interval not negative)
     */
    default Registration register(ComponentCheck check) {
        throw new UnsupportedOperationException(getClass().getName() + " takes no component checks");
    }

    /** One registered check; {@link #close()} removes it. */
    interface Registration extends AutoCloseable {

        /** Removes the check from the reports and stops its schedule; a run under way ends on its own. Idempotent. */
        @Override
        void close();
    }
}
