package dev.steadfast.spi.cluster;

/**
 * What members send each other through the backend's publish/subscribe channel: window summaries and fleet
 * transitions. {@link Wire} turns one into a line of text and back, for backends whose channel carries strings.
 */
public sealed interface ClusterMessage permits BreakerSummary, FleetState {

    /** The fleet-wide breaker the message is about. */
    String breaker();
}
