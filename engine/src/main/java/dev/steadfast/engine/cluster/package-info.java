/**
 * The fleet: {@code CLUSTER} rate limits and circuit breakers on a cluster backend found through the SPI of
 * {@code dev.steadfast.spi.cluster}. Calls never reach the backend: a fleet-wide limiter admits from permits leased
 * ahead of need ({@code ClusterQuota}, {@code ClusterBucket}), a fleet-wide breaker decides on its own state and the
 * fleet changes it by quorum ({@code FleetBreaker}); everything that talks to the backend runs on one worker thread
 * ({@code ClusterRuntime}), which falls back to local decisions within a second when the backend is lost (see
 * {@code docs/cluster.md}).
 */
package dev.steadfast.engine.cluster;
