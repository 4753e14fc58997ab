package dev.steadfast.soak.app;

import dev.steadfast.FaultToleranceException;
import dev.steadfast.guard.AsyncGuard;
import dev.steadfast.guard.Guard;
import dev.steadfast.guard.Steadfast;
import dev.steadfast.impl.cdi.SteadfastExtension;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One deployment of an application, from start to undeploy, run in its own class loader (which is also the
 * thread's context class loader, as in a server): a programmatic guard used before the container is up (a standalone
 * engine), a Weld SE container with guarded beans, asynchronous calls, a timed-out stage with a fallback, a breaker
 * moved on by the timer and heard by an observer, guards built inside the container, one call still queued at
 * shutdown, and an undeploy that stops the container, Steadfast's standalone engine and the config.
 */
public class SoakApplication implements Callable<String> {

    /** Holds one of the application's objects on every thread that starts a thread: none may inherit it. */
    private static final InheritableThreadLocal<Object> REQUEST = new InheritableThreadLocal<>();

    @Override
    public String call() throws Exception {
        REQUEST.set(new StateChanges());
        try {
            return deployUseAndUndeploy();
        } finally {
            REQUEST.remove();
        }
    }

    private String deployUseAndUndeploy() throws Exception {
        Guard<String> early = Guard.<String>builder("soak-early").timeout(Duration.ofSeconds(5)).circuitBreaker()
                .build();
        check("early", early.call(() -> "early"));

        // Without Weld SE's JVM shutdown hook: it is a thread object kept by the JVM until exit, with this
        // application's loader as its context class loader; a redeployed application shuts its container down itself.
        WeldContainer container = new Weld("soak-" + System.identityHashCode(this)).disableDiscovery()
                .property(Weld.SHUTDOWN_HOOK_SYSTEM_PROPERTY, false)
                .addExtension(new SteadfastExtension()).addBeanClasses(Worker.class, StateChanges.class)
                .initialize();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> queued;
        try {
            Worker worker = container.select(Worker.class).get();
            check("timed", worker.timed());
            check("retried", worker.retried());
            CompletableFuture<String> running = worker.async(release).toCompletableFuture();
            queued = worker.async(release).toCompletableFuture();
            release.countDown();
            check("async", running.get(10, TimeUnit.SECONDS));
            check("async", queued.get(10, TimeUnit.SECONDS));
            check("async retried", worker.asyncRetried().toCompletableFuture().get(10, TimeUnit.SECONDS));
            check("fell back", worker.timesOut().toCompletableFuture().get(10, TimeUnit.SECONDS));
            try {
                worker.dependency(true);
            } catch (java.io.IOException expected) {
                // opens the breaker for 50 ms
            }
            if (!container.select(StateChanges.class).get().halfOpen().await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the observer never heard of HALF_OPEN");
            }

            Guard<String> inside = Guard.<String>builder("soak-inside").timeout(Duration.ofSeconds(5))
                    .circuitBreaker(b -> b.name("soak-dependency").requestVolumeThreshold(1).failureRatio(1.0)
                            .delay(Duration.ofMillis(50)))
                    .build();
            check("inside", inside.call(() -> "inside"));
            try (AsyncGuard<String> asyncGuard = Guard.<String>builder("soak-async-guard").asynchronous()
                    .retry(r -> r.maxRetries(1).delay(Duration.ofMillis(5))).timeout(Duration.ofSeconds(5))
                    .buildAsync()) {
                check("guarded", asyncGuard.call(() -> CompletableFuture.completedFuture("guarded"))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS));
            }

            // Left pending at undeploy: one running until released, one queued behind it.
            CountDownLatch never = new CountDownLatch(1);
            worker.async(never);
            queued = worker.async(never).toCompletableFuture();
        } finally {
            container.shutdown();
            Steadfast.shutdown();
            ConfigProviderResolver.instance().releaseConfig(ConfigProvider.getConfig());
        }
        try {
            queued.getNow(null);
            throw new IllegalStateException("a call queued at undeploy is still pending or succeeded");
        } catch (java.util.concurrent.CompletionException e) {
            if (!(e.getCause() instanceof FaultToleranceException)) {
                throw new IllegalStateException("a call queued at undeploy failed with " + e.getCause(), e);
            }
        }
        return "deployed, used and undeployed";
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected " + expected + " but got " + actual);
        }
    }
}
