package dev.steadfast.junit5;

import dev.steadfast.engine.EngineHooks;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * The JUnit 5 extension behind {@link WithFaultTolerance}; register it with {@code @WithFaultTolerance} (to choose
 * real time) or {@code @ExtendWith(FaultToleranceTestExtension.class)} (manual time).
 *
 * <ul>
 * <li><b>Before all tests of a class</b> (and again before each test, on the test's thread) it installs a hook that
 * Steadfast consults once, when a container starts on that thread: the container's engine then runs on the class's
 * {@link TestClock} and is known to the extension until it shuts down. Containers started on other threads, or
 * before the extension was active, are not affected.</li>
 * <li><b>Before and after each test</b> it resets every container running under it: every circuit breaker CLOSED with
 * an empty window and cleared counters, every bulkhead with all permits free, every rate limit with a fresh window
 * from now. So tests pass alone and in any order, also when one container serves the whole class.</li>
 * <li><b>Fields and parameters</b>: a {@link TestClock} (not with {@code manualTime = false}) and a
 * {@link FaultToleranceControl}. Every non-static field of one of those types that is still {@code null} when the
 * test instance is created is set; parameters of those types are resolved in test methods, lifecycle methods and
 * constructors. With weld-junit5's {@code @EnableWeld}, use fields (or a constructor), or add its
 * {@code @ExplicitParamInjection}: otherwise Weld claims every method parameter for CDI and fails on these.</li>
 * </ul>
 *
 * <p>Thread-safe; test classes may run in parallel, each with its own clock.
 */
public final class FaultToleranceTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestInstancePostProcessor {

    static final String NO_ENGINE_HINT = "Start the container while the extension is active: declare"
            + " @WithFaultTolerance before @EnableWeld (so that its callbacks run first), or start Weld SE in the test,"
            + " a @BeforeEach or a @BeforeAll method, on the test's thread.";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FaultToleranceTestExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        install(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        uninstall(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install(context).startTest();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            session(context).reset();
        } finally {
            uninstall(context);
        }
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        Session session = session(context);
        for (Field f : ReflectionSupport.findFields(instance.getClass(), FaultToleranceTestExtension::injectable,
                HierarchyTraversalMode.TOP_DOWN)) {
            f.setAccessible(true);
            if (f.get(instance) == null) {
                f.set(instance, f.getType() == TestClock.class ? clock(session, "field " + f)
                        : new FaultToleranceControl(session));
            }
        }
    }

    private static boolean injectable(Field f) {
        return !Modifier.isStatic(f.getModifiers()) && !Modifier.isFinal(f.getModifiers())
                && (f.getType() == TestClock.class || f.getType() == FaultToleranceControl.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestClock.class || type == FaultToleranceControl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Session session = session(context);
        if (parameter.getParameter().getType() == FaultToleranceControl.class) {
            return new FaultToleranceControl(session);
        }
        TestClock clock = session.clock();
        if (clock == null) {
            throw new ParameterResolutionException(noClock("a parameter of " + parameter.getDeclaringExecutable()));
        }
        return clock;
    }

    private static TestClock clock(Session session, String forWhat) {
        TestClock clock = session.clock();
        if (clock == null) {
            throw new ExtensionConfigurationException(noClock(forWhat));
        }
        return clock;
    }

    private static String noClock(String forWhat) {
        return "No TestClock for " + forWhat + ": the test class runs with @WithFaultTolerance(manualTime = false),"
                + " on real time";
    }

    private static Session install(ExtensionContext context) {
        Session session = session(context);
        context.getStore(NAMESPACE).put(installationKey(context), EngineHooks.install(session));
        return session;
    }

    private static void uninstall(ExtensionContext context) {
        EngineHooks.Installation i = context.getStore(NAMESPACE)
                .remove(installationKey(context), EngineHooks.Installation.class);
        if (i != null) {
            i.close();
        }
    }

    /** Per context: a store lookup also finds the value of an enclosing context, which must not be closed here. */
    private static String installationKey(ExtensionContext context) {
        return "installation " + context.getUniqueId();
    }

    /**
     * The session of the test class (a {@code @Nested} class shares its enclosing class's session when that one runs
     * under the extension too: store lookups search the enclosing contexts first).
     */
    private static Session session(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        boolean manualTime = manualTime(classContext.getTestClass());
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Session.class, k -> new Session(manualTime),
                Session.class);
    }

    private static boolean manualTime(Optional<Class<?>> testClass) {
        for (Class<?> c = testClass.orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<WithFaultTolerance> a = AnnotationSupport.findAnnotation(c, WithFaultTolerance.class);
            if (a.isPresent()) {
                return a.get().manualTime();
            }
        }
        return true;
    }
}
