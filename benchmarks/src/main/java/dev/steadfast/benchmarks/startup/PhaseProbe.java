package dev.steadfast.benchmarks.startup;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Splits a container's start-up into its phases: notes when each container lifecycle event begins, its observer first
 * of all (the lowest priority). Deployed in every flavour alike; it observes no per-type event, so it adds nothing per
 * bean.
 */
public final class PhaseProbe implements Extension {

    private static final int FIRST = Integer.MIN_VALUE;

    private long beforeBeanDiscovery;
    private long afterTypeDiscovery;
    private long afterBeanDiscovery;
    private long afterDeploymentValidation;

    void beforeBeanDiscovery(@Observes @Priority(FIRST) BeforeBeanDiscovery event) {
        beforeBeanDiscovery = System.nanoTime();
    }

    void afterTypeDiscovery(@Observes @Priority(FIRST) AfterTypeDiscovery event) {
        afterTypeDiscovery = System.nanoTime();
    }

    void afterBeanDiscovery(@Observes @Priority(FIRST) AfterBeanDiscovery event) {
        afterBeanDiscovery = System.nanoTime();
    }

    void afterDeploymentValidation(@Observes @Priority(FIRST) AfterDeploymentValidation event) {
        afterDeploymentValidation = System.nanoTime();
    }

    /** The phases of a start-up that began at {@code start} and returned at {@code end} (both {@code nanoTime}). */
    Phases phases(long start, long end) {
        return new Phases(beforeBeanDiscovery - start, afterTypeDiscovery - beforeBeanDiscovery,
                afterBeanDiscovery - afterTypeDiscovery, afterDeploymentValidation - afterBeanDiscovery,
                end - afterDeploymentValidation);
    }

    /**
     * A start-up in five phases, nanoseconds; they add up to the whole.
     *
     * @param bootstrap  from {@code new Weld(...)} to {@code BeforeBeanDiscovery}: Weld's own set-up
     * @param types      {@code BeforeBeanDiscovery} observers and type discovery: every {@code ProcessAnnotatedType}
     * @param beans      {@code AfterTypeDiscovery} observers and bean deployment: every {@code ProcessManagedBean},
     *                   {@code ProcessInjectionTarget}, …
     * @param validation {@code AfterBeanDiscovery} observers and validation
     * @param ready      {@code AfterDeploymentValidation} observers and the rest of {@code initialize()}
     */
    public record Phases(long bootstrap, long types, long beans, long validation, long ready) {

        static final String[] NAMES = {"bootstrap", "types", "beans", "validation", "ready"};

        long[] toArray() {
            return new long[] {bootstrap, types, beans, validation, ready};
        }

        static Phases of(long[] nanos) {
            return new Phases(nanos[0], nanos[1], nanos[2], nanos[3], nanos[4]);
        }
    }
}
