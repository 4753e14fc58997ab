package dev.steadfast.mp;

import dev.steadfast.cdi.PriorityLiteral;
import dev.steadfast.cdi.RequestContext;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.FailureRule;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.CircuitState;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.Listeners;
import dev.steadfast.engine.LoggingListener;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The portable extension of the MicroProfile Fault Tolerance front end, registered through {@code META-INF/services}.
 *
 * <ol>
 * <li>Before discovery: refuses to run next to another MicroProfile Fault Tolerance implementation, and registers
 * the interceptor at {@code mp.fault.tolerance.interceptor.priority} (default {@code PLATFORM_AFTER + 10}).</li>
 * <li>Per annotated type: binds the interceptor to every method a MicroProfile annotation guards.</li>
 * <li>Per managed bean: reads annotations and config, validates; each broken definition becomes a
 * {@link FaultToleranceDefinitionException}.</li>
 * <li>After discovery: creates the engine (no thread starts yet).</li>
 * <li>After validation: builds every method's chain, so every circuit breaker exists before the first call.</li>
 * <li>At shutdown: stops every thread it started.</li>
 * </ol>
 * It reacts only to {@code org.eclipse.microprofile.faulttolerance} annotations and keys; Steadfast's own
 * annotations belong to Steadfast's extension.
 */
public class MpFaultToleranceExtension implements Extension {

    static final int DEFAULT_PRIORITY = Interceptor.Priority.PLATFORM_AFTER + 10;

    /** Extensions of other MicroProfile Fault Tolerance implementations; with one of them present we refuse. */
    static final List<String> OTHER_IMPLEMENTATIONS = List.of(
            "io.smallrye.faulttolerance.FaultToleranceExtension",
            "org.apache.safeguard.impl.cdi.SafeguardExtension");

    private MpConfig config;
    private final List<String> startupProblems = new ArrayList<>();
    private final Map<Class<?>, Map<Method, MpPlan>> plans = new HashMap<>();
    private final Map<Class<?>, Map<Method, MpOperation>> operations = new ConcurrentHashMap<>();
    private Engine engine;
    private ExecutorService ownExecutor;
    private boolean metricsEnabled = true;
    private MpMetrics.Sink metricsSink;
    /** Metrics by breaker registry name, for the state changes the engine announces. */
    private final Map<String, MpMetrics> breakerMetrics = new ConcurrentHashMap<>();

    void registerInterceptor(@Observes BeforeBeanDiscovery event) {
        config = MpConfig.create();
        startupProblems.addAll(conflicts(OTHER_IMPLEMENTATIONS));
        int priority = DEFAULT_PRIORITY;
        Optional<String> configured = config.get(MpConfig.PRIORITY);
        if (configured.isPresent()) {
            try {
                priority = Integer.parseInt(configured.get());
            } catch (NumberFormatException e) {
                startupProblems.add("Config key " + MpConfig.PRIORITY + ": '" + configured.get()
                        + "' is not an integer");
            }
        }
        Optional<String> metrics = config.get(MpConfig.METRICS_ENABLED);
        if (metrics.isPresent()) {
            metricsEnabled = MpConfig.parseBoolean(MpConfig.METRICS_ENABLED, metrics.get(), startupProblems);
        }
        AnnotatedTypeConfigurator<MpFaultToleranceInterceptor> interceptor = event
                .addAnnotatedType(MpFaultToleranceInterceptor.class, MpFaultToleranceInterceptor.class.getName())
                .add(MpRegistered.Literal.INSTANCE);
        if (priority != DEFAULT_PRIORITY) {
            int p = priority;
            interceptor.remove(a -> a.annotationType() == Priority.class).add(new PriorityLiteral(p));
        }
    }

    /** One problem for each of {@code extensionClasses} found on the class path. */
    static List<String> conflicts(List<String> extensionClasses) {
        List<String> problems = new ArrayList<>();
        for (String other : extensionClasses) {
            if (present(other)) {
                problems.add("steadfast-mp found another MicroProfile Fault Tolerance implementation (" + other
                        + ") on the class path. Two implementations would both guard every method; remove"
                        + " steadfast-mp, or use the container's own MicroProfile Fault Tolerance only.");
            }
        }
        return problems;
    }

    private static boolean present(String className) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                MpFaultToleranceExtension.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                Class.forName(className, false, loader);
                return true;
            } catch (ClassNotFoundException | LinkageError absent) {
                // try the next loader
            }
        }
        return false;
    }

    /** Vetoes a discovered copy of this module's interceptor (the registered one carries {@link MpRegistered}). */
    void vetoDiscoveredCopy(@Observes ProcessAnnotatedType<MpFaultToleranceInterceptor> event) {
        if (!event.getAnnotatedType().isAnnotationPresent(MpRegistered.class)) {
            event.veto();
        }
    }

    /**
     * Binds the interceptor to guarded methods, of the types that carry a fault-tolerance annotation (on the type, a
     * method or a parameter) only: no other type reaches this observer, and Weld has no reason to warn
     * (WELD-000411).
     */
    <T> void bindGuardedMethods(@Observes @WithAnnotations({Asynchronous.class, Bulkhead.class, CircuitBreaker.class,
            Fallback.class, Retry.class, Timeout.class}) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        if (javaClass == MpFaultToleranceInterceptor.class) {
            return;
        }
        if (javaClass.isInterface() || javaClass.isAnnotation() || javaClass.isEnum()) {
            return;
        }
        List<Method> guarded = new ArrayList<>();
        for (AnnotatedMethod<? super T> m : type.getMethods()) {
            if (MpReader.guarded(type, m)) {
                guarded.add(m.getJavaMember());
            }
        }
        if (!guarded.isEmpty()) {
            event.configureAnnotatedType()
                    .filterMethods(m -> guarded.contains(m.getJavaMember()))
                    .forEach(m -> m.add(MpGuarded.Literal.INSTANCE));
        }
    }

    <T> void planGuardedMethods(@Observes ProcessManagedBean<T> event) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        Class<?> beanClass = event.getBean().getBeanClass();
        if (beanClass == MpFaultToleranceInterceptor.class) {
            return;
        }
        List<String> problems = new ArrayList<>();
        MpReader reader = new MpReader(config, problems);
        Map<Method, MpPlan> byMethod = new HashMap<>();
        for (AnnotatedMethod<? super T> m : type.getMethods()) {
            if (!MpReader.guarded(type, m)) {
                continue;
            }
            MpPlan plan = reader.read(beanClass, type, m);
            if (plan != null) {
                byMethod.put(m.getJavaMember(), plan);
            }
        }
        for (String p : problems) {
            event.addDefinitionError(new FaultToleranceDefinitionException(p));
        }
        if (!byMethod.isEmpty()) {
            plans.put(beanClass, byMethod);
        }
    }

    void createEngine(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        for (String p : startupProblems) {
            event.addDefinitionError(new FaultToleranceDefinitionException(p));
        }
        startupProblems.clear();
        EngineListener states = new EngineListener() {
            @Override
            public void stateChanged(String name, CircuitState from, CircuitState to, java.time.Instant at) {
                MpMetrics m = breakerMetrics.get(name);
                if (m != null) {
                    m.breakerChanged(to);
                }
            }
        };
        engine = Engine.create(Listeners.of(List.of(new LoggingListener(), states)), this::executor,
                RequestContext.around(beanManager));
    }

    /**
     * The executor for asynchronous bodies: the engine's own (virtual threads) on Java 21+; on older Javas an
     * unbounded pool of daemon threads, as MicroProfile's bulkheads expect every admitted call to run at once.
     */
    private synchronized java.util.concurrent.Executor executor() {
        if (Runtime.version().feature() >= 21) {
            return null;
        }
        if (ownExecutor == null) {
            AtomicInteger count = new AtomicInteger();
            ownExecutor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "steadfast-mp-async-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return ownExecutor;
    }

    void buildChains(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        if (metricsEnabled) {
            List<MpMetrics.Sink> sinks = new ArrayList<>();
            if (present("org.eclipse.microprofile.metrics.MetricRegistry")) {
                addSink(sinks, () -> MicroProfileMetricsSink.create(beanManager));
            }
            if (present("io.opentelemetry.api.OpenTelemetry")) {
                addSink(sinks, () -> OpenTelemetrySink.create(beanManager));
            }
            metricsSink = MpMetrics.Sink.all(sinks);
        }
        for (Map.Entry<Class<?>, Map<Method, MpPlan>> bean : plans.entrySet()) {
            Map<Method, MpOperation> built = new HashMap<>();
            for (Map.Entry<Method, MpPlan> m : bean.getValue().entrySet()) {
                try {
                    built.put(m.getKey(), operation(m.getValue(), beanManager));
                } catch (IllegalArgumentException e) {
                    event.addDeploymentProblem(new FaultToleranceDefinitionException(e.getMessage(), e));
                }
            }
            operations.put(bean.getKey(), Map.copyOf(built));
        }
        plans.clear();
    }

    private static void addSink(List<MpMetrics.Sink> sinks, java.util.function.Supplier<MpMetrics.Sink> create) {
        try {
            MpMetrics.Sink sink = create.get();
            if (sink != null) {
                sinks.add(sink);
            }
        } catch (RuntimeException | LinkageError unusable) {
            // an API without a working implementation: no metrics there
        }
    }

    private MpOperation operation(MpPlan p, BeanManager beanManager) {
        // MicroProfile's specification lets the annotations' lists alone classify failures (a retryOn = Throwable
        // retries an Error, a bulkhead's rejection counts in the breaker): not Steadfast's rule.
        GuardPolicy.Builder b = GuardPolicy.builder(p.name).failures(FailureRule.LISTS_ONLY)
                .asynchronous(p.kind != MpOperation.Kind.SYNC)
                .retry(p.retry)
                .breaker(p.name, p.breaker)
                .timeout(p.timeout)
                .bulkhead(p.bulkhead);
        MpMetrics metrics = metricsSink == null ? null : new MpMetrics(metricsSink, p);
        if (metrics != null && p.breaker != null) {
            breakerMetrics.put(p.name, metrics);
        }
        if (p.hasFallback()) {
            FallbackFunction<Object> f = fallbackFunction(p, beanManager);
            if (metrics != null) {
                FallbackFunction<Object> plain = f;
                f = (invocation, failure) -> {
                    MpInvocation call = MpChain.callOf(invocation);
                    if (call != null) {
                        call.fallbackApplied = true;
                    }
                    return plain.apply(invocation, failure);
                };
            }
            b.fallback(new FallbackPolicy(List.of(f), p.fallbackOn));
        }
        return new MpOperation(p.kind, MpChain.build(engine, b.build(), metrics), metrics);
    }

    private static FallbackFunction<Object> fallbackFunction(MpPlan p, BeanManager beanManager) {
        boolean future = p.kind == MpOperation.Kind.FUTURE;
        if (p.fallbackMethod != null) {
            Method fallback = p.fallbackMethod;
            return (invocation, failure) -> {
                Object result;
                try {
                    result = fallback.invoke(invocation.target(), invocation.arguments());
                } catch (InvocationTargetException e) {
                    throw Failures.sneakyThrow(e.getCause());
                }
                return future ? CompletableFuture.completedFuture(result) : result;
            };
        }
        Class<?> handlerClass = p.fallbackHandler;
        Method guarded = p.method;
        return (invocation, failure) -> {
            FallbackHandler<?> handler = handler(beanManager, handlerClass);
            Object result = handler.handle(new Context(guarded, invocation, failure));
            return future ? CompletableFuture.completedFuture(result) : result;
        };
    }

    /** A handler per fallback: its CDI bean when it is one (in its scope), else a new instance. */
    private static FallbackHandler<?> handler(BeanManager beanManager, Class<?> handlerClass) throws Exception {
        Instance<?> instance = beanManager.createInstance().select(handlerClass);
        if (instance.isResolvable()) {
            return (FallbackHandler<?>) instance.get();
        }
        var constructor = handlerClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        return (FallbackHandler<?>) constructor.newInstance();
    }

    /** What a {@link FallbackHandler} learns about the failed call. */
    private record Context(Method method, Invocation<?> invocation, Throwable failure) implements ExecutionContext {

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Object[] getParameters() {
            return invocation.arguments();
        }

        @Override
        public Throwable getFailure() {
            return failure;
        }
    }

    void shutdown(@Observes BeforeShutdown event) {
        if (engine != null) {
            engine.close();
        }
        synchronized (this) {
            if (ownExecutor != null) {
                ownExecutor.shutdownNow();
            }
        }
    }

    /** The operations of one bean class by method; empty when it has none. */
    Map<Method, MpOperation> operationsOf(Class<?> beanClass) {
        return operations.getOrDefault(beanClass, Map.of());
    }
}
