package dev.steadfast.engine;

import dev.steadfast.engine.observe.ServiceObservers;
import dev.steadfast.spi.ObserverContext;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine that front ends without one of their own (the programmatic guards) build on: the CDI container's engine
 * while a container runs, so that a named breaker is one breaker for annotated methods and guards alike, else one
 * standalone engine created on first use. The standalone engine's threads are daemon threads that end with the JVM.
 */
public final class Engines {

    private static final AtomicReference<Engine> INSTALLED = new AtomicReference<>();

    private Engines() {
    }

    /** The installed engine, or the standalone one. */
    public static Engine current() {
        Engine e = INSTALLED.get();
        return e != null ? e : Standalone.ENGINE;
    }

    /** Makes {@code engine} the current one (a CDI container at start); the last one installed wins. */
    public static void install(Engine engine) {
        INSTALLED.set(engine);
    }

    /** Undoes {@link #install} for {@code engine} (a container at shutdown), unless another was installed since. */
    public static void uninstall(Engine engine) {
        INSTALLED.compareAndSet(engine, null);
    }

    /**
     * Created on first use only: a JVM that never builds a guard starts nothing. Observers listed in
     * {@code META-INF/services} (the metrics modules) observe it as they observe a container's engine.
     */
    private static final class Standalone {
        static final Engine ENGINE = create();

        private static Engine create() {
            // It lives as long as the JVM: a test's hook (a virtual clock) on the thread that happens to create it
            // must not become every later guard's clock.
            Engine e = EngineHooks.withoutHook(() -> Engine.create(new LoggingListener()));
            e.observe(ServiceObservers.started(ServiceObservers.load(Engines.class.getClassLoader()),
                    ObserverContext.NONE));
            return e;
        }
    }
}
