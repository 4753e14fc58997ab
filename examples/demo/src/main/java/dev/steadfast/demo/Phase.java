package dev.steadfast.demo;

import java.util.Locale;

/** How the flaky service behaves during one part of the {@link Scenario}. */
enum Phase {

    HEALTHY("answers in 5-20 ms"),
    SLOW("latency spikes: 1 call in 5 takes 1-2.5 s, past the timeout"),
    FAILING("HTTP 503 with Retry-After: 1"),
    DOWN("not listening: connection refused"),
    RECOVERING("answers in 20-150 ms, 1 call in 10 gets a 503");

    private final String behaviour;

    Phase(String behaviour) {
        this.behaviour = behaviour;
    }

    /** What the service does in this phase, for people. */
    String behaviour() {
        return behaviour;
    }

    /** The name used in {@code --scenario}: {@code healthy}, {@code slow}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
