package dev.steadfast.impl.cdi;

import dev.steadfast.cdi.PriorityLiteral;
import dev.steadfast.cdi.RequestContext;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.Engines;
import dev.steadfast.engine.Listeners;
import dev.steadfast.engine.LoggingListener;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.health.CheckSettings;
import dev.steadfast.ComponentCheck;
import jakarta.enterprise.inject.Instance;
import dev.steadfast.engine.async.AsyncExecutors;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.FaultToleranceDefinitionException;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.RateLimiters;
import dev.steadfast.engine.cluster.ClusterSettings;
import dev.steadfast.engine.cluster.ClusterSetup;
import dev.steadfast.RetryBudgets;
import dev.steadfast.AdaptiveBulkhead;
import dev.steadfast.Asynchronous;
import dev.steadfast.BreakerKey;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.KeyedBreaker;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.RetryBudget;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import jakarta.interceptor.Interceptor;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Steadfast's portable extension, registered through {@code META-INF/services} (the jar has no {@code beans.xml}).
 *
 * <ol>
 * <li>Before discovery: registers the one interceptor at its configured priority, and declares Steadfast's annotations
 * interceptor bindings leading to it, for rest client implementations ({@link RestClientInterfaces}).</li>
 * <li>Per annotated type: adds the interceptor binding to every method a Steadfast annotation guards (moving a bean's
 * class-level annotations to those methods); plans a MicroProfile Rest Client interface like a bean class.</li>
 * <li>Per managed bean (EJB session beans included): reads the annotations and config, validates, and plans each
 * guarded method; every broken definition becomes a definition error naming the member, method, value and rule.</li>
 * <li>After discovery: creates the engine, tells it how {@code CLUSTER} policies reach the fleet
 * ({@code steadfast.cluster.*}, the backend's own keys, the application's beans), and offers {@link CircuitBreakers},
 * {@link RateLimiters} and {@link FaultToleranceHealth} as beans.</li>
 * <li>After validation: names the breakers and rate limiters, checks that shared ones agree, finds the observers
 * (metrics modules,
 * {@link dev.steadfast.spi.GuardObserver} beans), instantiates handlers and predicates and builds each method's
 * strategy chain; registers the {@link ComponentCheck} beans with the health report.</li>
 * <li>At shutdown: fails every asynchronous call still pending, stops every thread Steadfast started and destroys the
 * component check beans.</li>
 * </ol>
 */
public class SteadfastExtension implements Extension {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    static final String PRIORITY_KEY = "steadfast.interceptor.priority";
    static final String ENABLED_KEY = "steadfast.enabled";
    static final String EXECUTOR_QUEUE_KEY = "steadfast.executor.queue-size";
    static final int DEFAULT_PRIORITY = Interceptor.Priority.PLATFORM_AFTER + 10;

    private SharedKeyMemo config;
    private boolean allEnabled = true;
    private LoggingListener.Settings logSettings = LoggingListener.Settings.DEFAULTS;
    private CheckSettings checkSettings = CheckSettings.DEFAULTS;
    /** The component check beans registered with the engine's health, destroyed at shutdown. */
    private List<Instance.Handle<ComponentCheck>> checkBeans = List.of();
    /** What strict config knows; {@code strictConfig} says whether an unknown key fails the deployment. */
    private StrictConfig strict = new StrictConfig(Set.of(), Set.of());
    private boolean strictConfig = true;
    private final Problems startupProblems = new Problems();
    /**
     * Definition errors of every bean, reported together after discovery: Weld ends the deployment after the first
     * {@code ProcessManagedBean} event that reports one, which would hide the problems of every other bean.
     */
    private final Problems definitionProblems = new Problems();
    /** Plans by bean class, then by method; filled during bean processing, read once after validation. */
    private final Map<Class<?>, Map<Method, MethodPlan>> plans = new HashMap<>();
    /** Chains by bean class, then by method; immutable maps, published once after validation. */
    private final Map<Class<?>, Map<Method, Strategy<Object>>> chains = new ConcurrentHashMap<>();
    /** Classes whose guarded methods carry the interceptor binding: the bean classes the interceptor can meet. */
    private final Set<Class<?>> boundClasses = ConcurrentHashMap.newKeySet();
    /** Classes that carry a Steadfast annotation somewhere: the only ones planned; dropped after deployment. */
    private final Set<Class<?>> annotatedClasses = ConcurrentHashMap.newKeySet();
    /** Event types that some observer method observes, to fire Steadfast's events only when somebody listens. */
    private final Set<Type> observedTypes = new HashSet<>();
    private int executorQueue = AsyncExecutors.defaultQueueCapacity();
    /** The context class loader the application is deployed with: its engine's, and its guards'. */
    private ClassLoader application;
    private Engine engine;
    private Engines.Registration registration;

    void registerInterceptor(@Observes BeforeBeanDiscovery event) {
        config = new SharedKeyMemo(ConfigLookup.create());
        int priority = DEFAULT_PRIORITY;
        Optional<String> configured = config.get(PRIORITY_KEY);
        if (configured.isPresent()) {
            try {
                priority = Integer.parseInt(configured.get().trim());
            } catch (NumberFormatException e) {
                startupProblems.add("Config key " + PRIORITY_KEY + ": '" + configured.get() + "' is not an integer");
            }
        }
        Optional<String> queue = config.get(EXECUTOR_QUEUE_KEY);
        if (queue.isPresent()) {
            try {
                executorQueue = Integer.parseInt(queue.get().trim());
            } catch (NumberFormatException e) {
                executorQueue = 0;
            }
            if (executorQueue < 1) {
                startupProblems.add("Config key " + EXECUTOR_QUEUE_KEY + ": '" + queue.get()
                        + "' is not a whole number of at least 1 (asynchronous calls that may wait for a thread of"
                        + " Steadfast's own pool)");
                executorQueue = AsyncExecutors.defaultQueueCapacity();
            }
        }
        Optional<String> enabled = config.get(ENABLED_KEY);
        if (enabled.isPresent()) {
            String v = enabled.get().trim();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                allEnabled = Boolean.parseBoolean(v);
            } else {
                startupProblems.add("Config key " + ENABLED_KEY + ": '" + v + "' is not true or false");
            }
        }
        logSettings = LogConfig.read(config, startupProblems);
        checkSettings = HealthConfig.read(config, startupProblems);
        Optional<String> strictValue = config.get(StrictConfig.STRICT_KEY);
        if (strictValue.isPresent()) {
            String v = strictValue.get().trim();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                strictConfig = Boolean.parseBoolean(v);
            } else {
                startupProblems.add("Config key " + StrictConfig.STRICT_KEY + ": '" + v + "' is not true or false");
            }
        }
        strict = StrictConfig.withModules(Thread.currentThread().getContextClassLoader(),
                SteadfastExtension.class.getClassLoader());
        AnnotatedTypeConfigurator<SteadfastInterceptor> interceptor = event
                .addAnnotatedType(SteadfastInterceptor.class, SteadfastInterceptor.class.getName())
                .add(Registered.Literal.INSTANCE);
        if (priority != DEFAULT_PRIORITY) {
            interceptor.remove(a -> a.annotationType() == Priority.class).add(new PriorityLiteral(priority));
        }
        RestClientInterfaces.declareBindings(event);
    }

    /**
     * Vetoes a second, discovered copy of Steadfast's own interceptor (an implicit bean archive in some servers), which
     * would run every policy twice. Only types that carry {@code @Interceptor} are looked at.
     */
    <T> void vetoDiscoveredCopies(@Observes @WithAnnotations(Interceptor.class) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        if (type.getJavaClass().getName().startsWith("dev.steadfast.impl.")
                && !type.isAnnotationPresent(Registered.class)) {
            event.veto();
        }
    }

    /**
     * Binds the interceptor to the guarded methods of the types that carry a Steadfast annotation (on the type, a
     * method or a parameter): the container hands no other type to this observer, so an application's thousands of
     * plain classes cost Steadfast nothing at start-up (and Weld has no reason to warn that an observer sees every
     * type, WELD-000411).
     */
    <T> void bindGuardedMethods(@Observes @WithAnnotations({Retry.class, CircuitBreaker.class, Timeout.class,
            Fallback.class, Bulkhead.class, RateLimit.class, Asynchronous.class, RetryBudget.class,
            AdaptiveBulkhead.class, KeyedBreaker.class, BreakerKey.class}) ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        Class<T> javaClass = type.getJavaClass();
        if (javaClass.getName().startsWith("dev.steadfast.impl.")) {
            return;
        }
        annotatedClasses.add(javaClass);
        if (RestClientInterfaces.isClientInterface(javaClass)) {
            Map<Method, MethodPlan> byMethod = RestClientInterfaces.plan(type,
                    new PolicyResolver(config, allEnabled, definitionProblems), definitionProblems,
                    (method, effective) -> knowKeysOf(javaClass, method, effective));
            if (!byMethod.isEmpty()) {
                plans.put(javaClass, byMethod);
            }
            return;
        }
        if (javaClass.isInterface() || javaClass.isAnnotation() || javaClass.isEnum()) {
            return;
        }
        AnnotationsFound found = AnnotationsFound.of(type, new Problems());
        List<Method> guarded = new ArrayList<>();
        boolean concrete = !Modifier.isAbstract(javaClass.getModifiers());
        for (AnnotatedMethod<? super T> m : type.getMethods()) {
            Map<PolicyKind, Annotation> effective = found.effective(m);
            if (!effective.isEmpty() && interceptable(m.getJavaMember())) {
                guarded.add(m.getJavaMember());
                if (concrete) {
                    knowKeysOf(javaClass, m.getJavaMember(), effective);
                }
            }
        }
        RestClientInterfaces.moveClassLevelToMethods(event, guarded);
        if (!guarded.isEmpty()) {
            // Nothing to add: every Steadfast annotation is an interceptor binding that carries SteadfastBinding
            // (registerInterceptor), so the container binds the interceptor to each annotated method by itself. The
            // type is left as discovered: configuring it would make the container keep a full copy of it (every
            // method and annotation) for as long as the application runs.
            boundClasses.add(javaClass);
        }
    }

    <T> void planGuardedMethods(@Observes ProcessManagedBean<T> event) {
        AnnotatedType<T> type = event.getAnnotatedBeanClass();
        Class<?> beanClass = event.getBean().getBeanClass();
        if (!annotatedClasses.contains(beanClass) || beanClass.getName().startsWith("dev.steadfast.impl.")) {
            return; // no Steadfast annotation anywhere on it: nothing to plan or report
        }
        Problems problems = definitionProblems;
        AnnotationsFound found = AnnotationsFound.of(type, problems);
        PolicyResolver resolver = new PolicyResolver(config, allEnabled, problems);
        Map<Method, MethodPlan> byMethod = new HashMap<>();
        for (AnnotatedMethod<? super T> m : type.getMethods()) {
            Method method = m.getJavaMember();
            Map<PolicyKind, Annotation> own = AnnotationsFound.methodLevel(m);
            if (!own.isEmpty() && !interceptable(method)) {
                problems.add(own.values().stream().map(a -> "@" + a.annotationType().getSimpleName())
                        .reduce((a, b) -> a + ", " + b).orElse("") + " on " + Signatures.describe(beanClass, method)
                        + ": the method is " + modifiers(method)
                        + ", and CDI interceptors cannot guard it; make it non-private, non-static and non-final");
                continue;
            }
            Map<PolicyKind, Annotation> effective = found.effective(m);
            if (effective.isEmpty()) {
                continue;
            }
            MethodPlan plan = resolver.resolve(beanClass, method, effective);
            if (plan != null) {
                byMethod.put(method, plan);
                // Names from config too
                strict.breaker(plan.breakerName);
                strict.named(PolicyKind.RATE_LIMIT, plan.rateLimitName);
                strict.named(PolicyKind.RETRY_BUDGET, plan.retryBudgetName);
            }
        }
        if (!byMethod.isEmpty()) {
            plans.put(beanClass, byMethod);
        }
    }

    <T, X> void noteObservedTypes(@Observes ProcessObserverMethod<T, X> event) {
        Type observed = event.getObserverMethod().getObservedType();
        observedTypes.add(observed instanceof java.lang.reflect.ParameterizedType p ? p.getRawType() : observed);
    }

    /** Creates the engine (no thread starts yet) and offers its registry and health report as beans. */
    void addBeans(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        for (var p : definitionProblems.all()) {
            event.addDefinitionError(p);
        }
        checkKeys(event);
        List<EngineListener> listeners = new ArrayList<>();
        listeners.add(new LoggingListener(logSettings));
        CdiEvents events = CdiEvents.forObserved(beanManager, observedTypes);
        if (events != null) {
            listeners.add(events);
        }
        application = Thread.currentThread().getContextClassLoader();
        Engine e = Engine.builder(Listeners.of(listeners))
                .executor(CdiAsync.preferredExecutor(beanManager))
                .threadContext(RequestContext.around(beanManager))
                .application(application)
                .executorQueue(executorQueue)
                .create();
        engine = e;
        e.health().checks().defaults(checkSettings);
        configureCluster(e, beanManager);
        event.addBean().types(CircuitBreakers.class, Object.class).scope(ApplicationScoped.class)
                .createWith(c -> e.breakers());
        event.addBean().types(RateLimiters.class, Object.class).scope(ApplicationScoped.class)
                .createWith(c -> e.rateLimiters());
        event.addBean().types(FaultToleranceHealth.class, Object.class).scope(ApplicationScoped.class)
                .createWith(c -> e.health());
        event.addBean().types(RetryBudgets.class, Object.class).scope(ApplicationScoped.class)
                .createWith(c -> e.retryBudgets());
    }

    /**
     * The {@code steadfast.cluster.*} keys (a broken one is a startup problem, and the defaults stand in), the
     * backend's {@code steadfast.<backend>.*} keys through the same config, and the application's beans (a backend's
     * {@code HazelcastInstance} or Lettuce client), looked up when the backend opens.
     */
    private void configureCluster(Engine e, BeanManager beanManager) {
        ClusterSettings settings;
        try {
            settings = ClusterSettings.from(config::get);
        } catch (IllegalArgumentException broken) {
            for (String problem : broken.getMessage().split("; (?=Config key )")) {
                startupProblems.add(problem);
            }
            settings = ClusterSettings.defaults();
        }
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        e.configureCluster(ClusterSetup.builder(settings).config(config::get)
                .beans(ObserverDiscovery.beans(beanManager)::find)
                .classLoader(tccl != null ? tccl : SteadfastExtension.class.getClassLoader()).build());
    }

    /**
     * Gives every breaker and rate limiter its registry name, checks that methods sharing a named one agree,
     * instantiates handlers and predicates, and builds every chain, so every breaker and limiter exists before the
     * first call.
     */
    void buildChains(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        for (var p : startupProblems.all()) {
            event.addDeploymentProblem(p);
        }
        Problems problems = new Problems();
        Set<MethodPlan> disagreeing = nameBreakers(problems);
        disagreeing.addAll(nameRateLimiters(problems));
        engine.observe(ObserverDiscovery.find(beanManager));
        Instances instances = new Instances(beanManager);
        for (Map.Entry<Class<?>, Map<Method, MethodPlan>> bean : plans.entrySet()) {
            Map<Method, Strategy<Object>> built = new HashMap<>();
            for (Map.Entry<Method, MethodPlan> m : bean.getValue().entrySet()) {
                if (disagreeing.contains(m.getValue())) {
                    continue; // already reported, naming both methods
                }
                try {
                    built.put(m.getKey(), engine.build(m.getValue().toPolicy(instances)));
                    if (m.getValue().registryName != null) {
                        engine.breakers().pin(m.getValue().registryName); // lives as long as the application
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            chains.put(bean.getKey(), Map.copyOf(built));
        }
        if (problems.isEmpty() && startupProblems.isEmpty()) {
            checkBeans = CheckDiscovery.register(beanManager, engine.health().checks(), problems);
        }
        for (var p : problems.all()) {
            event.addDeploymentProblem(p);
        }
        plans.clear();
        annotatedClasses.clear();
        config.forget();
        if (problems.isEmpty() && startupProblems.isEmpty()) {
            // Programmatic guards built from now on with the application's class loader share this engine.
            registration = Engines.register(application, engine);
        }
    }

    /**
     * Unnamed breakers are registered as {@code <class>#<method>} (with the parameter types when the class has
     * overloads of that name with breakers); a named breaker must have the same policy on every method naming it.
     *
     * @return the plans whose named breaker disagrees with the first method naming it (each reported once here)
     */
    private Set<MethodPlan> nameBreakers(Problems problems) {
        Map<String, MethodPlan> firstByName = new HashMap<>();
        Set<MethodPlan> disagreeing = new HashSet<>();
        for (Map<Method, MethodPlan> byMethod : plans.values()) {
            Map<String, Integer> unnamedPerMethodName = new HashMap<>();
            Map<String, Integer> unnamedBudgets = new HashMap<>();
            for (MethodPlan p : byMethod.values()) {
                if (p.breaker != null && p.breakerName == null) {
                    unnamedPerMethodName.merge(p.method.getName(), 1, Integer::sum);
                }
                if (p.retryBudget != null && p.retryBudgetName == null) {
                    unnamedBudgets.merge(p.method.getName(), 1, Integer::sum);
                }
            }
            for (MethodPlan p : byMethod.values()) {
                if (p.retryBudget != null) {
                    // Named as a breaker is; methods naming one budget must agree, which the registry checks.
                    p.budgetRegistryName = p.retryBudgetName != null ? p.retryBudgetName
                            : unnamedBudgets.get(p.method.getName()) > 1 ? p.name
                            : p.beanClass.getName() + "#" + p.method.getName();
                }
            }
            for (MethodPlan p : byMethod.values()) {
                if (p.breaker == null) {
                    continue;
                }
                if (p.breakerName == null) {
                    p.registryName = unnamedPerMethodName.get(p.method.getName()) > 1 ? p.name
                            : p.beanClass.getName() + "#" + p.method.getName();
                    continue;
                }
                p.registryName = p.breakerName;
                MethodPlan first = firstByName.putIfAbsent(p.breakerName, p);
                if (first != null && first.breaker.equals(p.breaker)
                        && !java.util.Objects.equals(first.breakerKeys, p.breakerKeys)) {
                    disagreeing.add(p);
                    problems.add("@CircuitBreaker(name = \"" + p.breakerName + "\") on " + first.name + " and on "
                            + p.name + " disagree: " + (first.breakerKeys == null || p.breakerKeys == null
                                    ? "keyed on " + (first.breakerKeys == null ? p.name : first.name) + " only"
                                    : first.breakerKeys.differences(p.breakerKeys))
                            + "; every method naming a breaker keys it alike, with the same maxKeys and"
                            + " keyIdleEviction");
                } else if (first != null && !first.breaker.equals(p.breaker)) {
                    disagreeing.add(p);
                    problems.add("@CircuitBreaker(name = \"" + p.breakerName + "\") on " + first.name + " and on "
                            + p.name + " disagree: " + first.breaker.differences(p.breaker)
                            + "; give both the same values, or set them once with steadfast.circuit-breaker.\""
                            + p.breakerName + "\".<member>");
                }
            }
        }
        return disagreeing;
    }

    /**
     * Unnamed rate limiters are registered as {@code <class>#<method>} (with the parameter types when the class has
     * overloads of that name with rate limits); a named one must have the same policy on every method naming it.
     *
     * @return the plans whose named limiter disagrees with the first method naming it (each reported once here)
     */
    private Set<MethodPlan> nameRateLimiters(Problems problems) {
        Map<String, MethodPlan> firstByName = new HashMap<>();
        Set<MethodPlan> disagreeing = new HashSet<>();
        for (Map<Method, MethodPlan> byMethod : plans.values()) {
            Map<String, Integer> unnamedPerMethodName = new HashMap<>();
            for (MethodPlan p : byMethod.values()) {
                if (p.rateLimit != null && p.rateLimitName == null) {
                    unnamedPerMethodName.merge(p.method.getName(), 1, Integer::sum);
                }
            }
            for (MethodPlan p : byMethod.values()) {
                if (p.rateLimit == null) {
                    continue;
                }
                if (p.rateLimitName == null) {
                    p.rateLimitRegistryName = unnamedPerMethodName.get(p.method.getName()) > 1 ? p.name
                            : p.beanClass.getName() + "#" + p.method.getName();
                    continue;
                }
                p.rateLimitRegistryName = p.rateLimitName;
                MethodPlan first = firstByName.putIfAbsent(p.rateLimitName, p);
                if (first != null && !first.rateLimit.equals(p.rateLimit)) {
                    disagreeing.add(p);
                    problems.add("@RateLimit(name = \"" + p.rateLimitName + "\") on " + first.name + " and on " + p.name
                            + " disagree: " + first.rateLimit.differences(p.rateLimit)
                            + "; give both the same values, or set them once with steadfast.rate-limit.\""
                            + p.rateLimitName + "\".<member>");
                }
            }
        }
        return disagreeing;
    }

    /** Strict config's view of one guarded method: its class, name, kinds of policy and breaker name. */
    private void knowKeysOf(Class<?> beanClass, Method method, Map<PolicyKind, Annotation> effective) {
        strict.guarded(beanClass, method, effective.keySet());
        if (effective.get(PolicyKind.CIRCUIT_BREAKER) instanceof dev.steadfast.CircuitBreaker b) {
            strict.breaker(b.name());
        }
        if (effective.get(PolicyKind.RETRY_BUDGET) instanceof dev.steadfast.RetryBudget b) {
            strict.named(PolicyKind.RETRY_BUDGET, b.name());
        }
        if (effective.get(PolicyKind.RATE_LIMIT) instanceof dev.steadfast.RateLimit r) {
            strict.named(PolicyKind.RATE_LIMIT, r.name());
        }
    }

    /** Every key under {@code steadfast.} that nothing reads fails the deployment, or with strict=false is logged. */
    private void checkKeys(AfterBeanDiscovery event) {
        List<StrictConfig.Unknown> unknown = strict.check(config);
        strict = new StrictConfig(Set.of(), Set.of()); // what it knew was for this check alone
        if (unknown.isEmpty()) {
            return;
        }
        if (strictConfig) {
            for (StrictConfig.Unknown u : unknown) {
                event.addDefinitionError(new FaultToleranceDefinitionException("Unknown config key " + u.describe()
                        + " (set " + StrictConfig.STRICT_KEY + "=false to only log unknown keys)"));
            }
            return;
        }
        StringBuilder b = new StringBuilder("Steadfast reads none of these ").append(unknown.size())
                .append(" config keys under steadfast. and ignores them (" + StrictConfig.STRICT_KEY + "=false):");
        for (StrictConfig.Unknown u : unknown) {
            b.append(System.lineSeparator()).append("  ").append(u.describe());
        }
        LOG.log(System.Logger.Level.WARNING, b.toString());
    }

    /**
     * Stops the application's engine: guards built from now on no longer join it, every asynchronous call still
     * pending completes exceptionally with a {@link dev.steadfast.FaultToleranceException} saying that the application
     * is stopping, and every thread Steadfast started for it ends.
     */
    void shutdown(@Observes BeforeShutdown event) {
        if (registration != null) {
            registration.close();
            registration = null;
        }
        if (engine != null) {
            engine.close();
        }
        for (Instance.Handle<ComponentCheck> h : checkBeans) {
            try {
                h.destroy();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "Steadfast could not destroy the component check bean "
                        + h.getBean() + " at shutdown", e);
            }
        }
        checkBeans = List.of();
    }

    /** The chains of one bean class by method; empty when it has none. */
    Map<Method, Strategy<Object>> chainsOf(Class<?> beanClass) {
        return chains.getOrDefault(beanClass, Map.of());
    }

    /**
     * The chains for an intercepted instance: its bean class's (the first class bound at discovery up the target's
     * class hierarchy; a container's generated subclass is skipped that way), else those of the rest client interface
     * the call belongs to. Called once per interceptor instance.
     */
    RestClientInterfaces.Chains chainsFor(Object target, Method method) {
        for (Class<?> c = target == null ? null : target.getClass(); c != null; c = c.getSuperclass()) {
            if (boundClasses.contains(c)) {
                return new RestClientInterfaces.Chains(chainsOf(c), false);
            }
        }
        return RestClientInterfaces.chainsFor(target, method, chains);
    }

    /** The engine, for the CDI layer's own beans; {@code null} before deployment finished. */
    Engine engine() {
        return engine;
    }

    private static boolean interceptable(Method m) {
        int mod = m.getModifiers();
        return !Modifier.isPrivate(mod) && !Modifier.isStatic(mod) && !Modifier.isFinal(mod);
    }

    private static String modifiers(Method m) {
        int mod = m.getModifiers();
        return Modifier.isPrivate(mod) ? "private" : Modifier.isStatic(mod) ? "static" : "final";
    }
}
