package dev.steadfast.engine.cluster;

import dev.steadfast.spi.cluster.ClusterBackend;

/** What the exchange does with a fleet-wide rate limiter; every method runs on the worker. */
interface FleetLimiter {

    /** Upkeep at every tick: demand, refills, what to lease ahead, what to give back. */
    void tick(long now);

    /** The backend is lost: admit this member's share, {@code limit / members} per window, from now on. */
    void degrade(int members);

    /** The backend answers (again): lease from the fleet from now on. */
    void rejoin();

    /** The application stops: give back what is held, without waiting for an answer. */
    void stop(ClusterBackend backend);
}
