/**
 * Steadfast's cluster backend on Hazelcast 5: {@link dev.steadfast.hazelcast.HazelcastBackendProvider}, found through
 * {@code META-INF/services}, implements the cluster SPI ({@code dev.steadfast.spi.cluster}) so that
 * {@code scope = CLUSTER} rate limits and circuit breakers hold for the whole fleet. See {@code docs/hazelcast.md}.
 */
package dev.steadfast.hazelcast;
