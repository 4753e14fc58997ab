package dev.steadfast.benchmarks.startup;

import dev.steadfast.benchmarks.cdi.NoopInterceptor;
import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.faulttolerance.FaultToleranceExtension;
import jakarta.enterprise.inject.spi.Extension;

import java.util.List;
import java.util.function.Supplier;

/**
 * One way to deploy the same plain beans: without fault tolerance, with one no-op interceptor on every method, with
 * Steadfast's annotations and extension, or with
 * the MicroProfile annotations and SmallRye Fault Tolerance's extension. The policies are those of the CDI benchmark
 * ({@code SteadfastBean}, {@code SmallRyeBean}): retry 3 times 10 ms apart (3 min budget, no jitter), breaker of 20
 * calls at 50 % open for 5 s, timeout 1 s, fallback to a method of the class.
 */
public enum Flavour {

    /** The beans alone: the baseline every other flavour is measured against. */
    PLAIN(List.of(), List::of),

    /**
     * Every method bound to one interceptor that only proceeds ({@code NoopInterceptor}): what the container's
     * interception of that many methods costs by itself, the floor under every interceptor-based library.
     */
    INTERCEPTOR(List.of("@dev.steadfast.benchmarks.cdi.Noop"), List::of),

    STEADFAST(List.of(
            "@dev.steadfast.Retry(maxRetries = 3, delay = 10)",
            "@dev.steadfast.CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000)",
            "@dev.steadfast.Timeout(1000)",
            "@dev.steadfast.Fallback(fallbackMethod = \"fallback\")"),
            () -> List.of(new SteadfastExtension())),

    /** SmallRye Fault Tolerance needs SmallRye Config's extension for its {@code @ConfigProperty} injection points. */
    SMALLRYE(List.of(
            "@org.eclipse.microprofile.faulttolerance.Retry(maxRetries = 3, delay = 10, maxDuration = 180000, "
                    + "jitter = 0)",
            "@org.eclipse.microprofile.faulttolerance.CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, "
                    + "delay = 5000, successThreshold = 1)",
            "@org.eclipse.microprofile.faulttolerance.Timeout(1000)",
            "@org.eclipse.microprofile.faulttolerance.Fallback(fallbackMethod = \"fallback\")"),
            () -> List.of(new FaultToleranceExtension(), new ConfigExtension()));

    private final List<String> annotations;
    private final Supplier<List<Extension>> extensions;

    Flavour(List<String> annotations, Supplier<List<Extension>> extensions) {
        this.annotations = annotations;
        this.extensions = extensions;
    }

    /** The annotations on every guarded method, as Java source. */
    public List<String> annotations() {
        return annotations;
    }

    /** Fresh instances of the CDI extensions this flavour deploys with (none for {@link #PLAIN}). */
    public List<Extension> extensions() {
        return extensions.get();
    }

    /** Bean classes deployed besides the application's: the no-op interceptor of {@link #INTERCEPTOR}. */
    public List<Class<?>> extraBeans() {
        return this == INTERCEPTOR ? List.of(NoopInterceptor.class) : List.of();
    }

    /**
     * Whether {@code className} is one of the fault-tolerance library's own classes (Steadfast's outside this
     * benchmark, SmallRye Fault Tolerance's): whose instances the report counts as the library's own heap.
     */
    public boolean owns(String className) {
        return switch (this) {
            case STEADFAST -> className.startsWith("dev.steadfast.") && !className.startsWith("dev.steadfast.benchmarks.");
            case SMALLRYE -> className.startsWith("io.smallrye.faulttolerance.");
            default -> false;
        };
    }

    /** The name in reports and on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
