package dev.steadfast.impl.cdi;

import dev.steadfast.engine.Strategy;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.configurator.AnnotatedMethodConfigurator;
import jakarta.enterprise.inject.spi.configurator.AnnotatedTypeConfigurator;
import jakarta.enterprise.util.Nonbinding;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Steadfast on MicroProfile Rest Client interfaces ({@code docs/rest-client.md}).
 *
 * <p>A rest client is a proxy the rest client implementation builds, not a managed bean, so CDI never intercepts it.
 * The implementations apply interceptors themselves (RESTEasy's, used by WildFly, and Jersey's, used by Payara and
 * Helidon, the same way): they read the interface's and each method's annotations by reflection, keep those that
 * {@code BeanManager.isInterceptorBinding} accepts, and ask {@code BeanManager.resolveInterceptors} for the
 * interceptors of that set. So before discovery every Steadfast annotation is declared an interceptor binding whose
 * members are all {@code @Nonbinding} and which carries {@link SteadfastBinding}: whatever mix of Steadfast annotations
 * a method has, the resolver finds the one {@link SteadfastInterceptor}, once. Managed beans are bound the same way:
 * the extension adds nothing to their guarded methods (it would make the container keep a copy of every such type).
 *
 * <p>Client interfaces are planned like bean classes, with the interface in place of the bean class: config keys
 * {@code steadfast."com.acme.QuotesClient/get".retry.max-retries}, unnamed breakers registered as
 * {@code com.acme.QuotesClient#get}, the same validation. Only abstract methods are guarded: the implementations call
 * default and static methods without interceptors. The container shows an interface with the methods it declares, so a
 * method inherited from a super-interface is planned with the super-interface, when that is discovered too.
 */
final class RestClientInterfaces {

    private static final String REGISTER_REST_CLIENT = "org.eclipse.microprofile.rest.client.inject.RegisterRestClient";
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String HTTP_METHOD = "jakarta.ws.rs.HttpMethod";

    private RestClientInterfaces() {
    }

    /** Declares every Steadfast annotation an interceptor binding leading to {@link SteadfastInterceptor}. */
    static void declareBindings(BeforeBeanDiscovery event) {
        for (PolicyKind kind : PolicyKind.values()) {
            event.configureInterceptorBinding(kind.type)
                    .add(SteadfastBinding.Literal.INSTANCE)
                    .methods().forEach(m -> m.add(Nonbinding.Literal.INSTANCE));
        }
    }

    /**
     * Keeps a bean's class-level Steadfast annotations from becoming class-level interceptor bindings, under which the
     * container would refuse a bean with a final method (CDI forbids final methods under class-level bindings, and
     * Steadfast leaves them unguarded): each is removed from the class and added to every guarded method that has no
     * annotation of its kind, which is where it applied anyway ({@link AnnotationsFound#effective}), so the plans do
     * not change. Class-level annotations that come from a stereotype stay where they are: a bean with such a stereotype
     * cannot have a non-private final method.
     *
     * @param guarded the methods the class's Steadfast annotations guard
     */
    static <T> void moveClassLevelToMethods(ProcessAnnotatedType<T> event, List<Method> guarded) {
        List<Annotation> classLevel = new ArrayList<>();
        for (Annotation a : event.getAnnotatedType().getAnnotations()) {
            if (PolicyKind.of(a.annotationType()) != null) {
                classLevel.add(a);
            }
        }
        if (classLevel.isEmpty()) {
            return;
        }
        AnnotatedTypeConfigurator<T> type = event.configureAnnotatedType();
        type.remove(a -> PolicyKind.of(a.annotationType()) != null);
        for (AnnotatedMethodConfigurator<? super T> m : type.methods()) {
            if (!guarded.contains(m.getAnnotated().getJavaMember())) {
                continue;
            }
            Map<PolicyKind, Annotation> own = AnnotationsFound.methodLevel(m.getAnnotated());
            for (Annotation a : classLevel) {
                if (!own.containsKey(PolicyKind.of(a.annotationType()))) {
                    m.add(a);
                }
            }
        }
    }

    /**
     * Whether an interface is a rest client interface: registered with {@code @RegisterRestClient}, or a JAX-RS
     * interface (a {@code @Path} on it, or an HTTP method annotation such as {@code @GET} on one of its methods), which
     * {@code RestClientBuilder} can build. Read by annotation names: neither API needs to be present.
     */
    static boolean isClientInterface(Class<?> type) {
        if (!type.isInterface() || type.isAnnotation()) {
            return false;
        }
        for (Annotation a : type.getAnnotations()) {
            String name = a.annotationType().getName();
            if (name.equals(REGISTER_REST_CLIENT) || name.equals(PATH)) {
                return true;
            }
        }
        for (Method m : type.getMethods()) {
            for (Annotation a : m.getAnnotations()) {
                for (Annotation meta : a.annotationType().getAnnotations()) {
                    if (meta.annotationType().getName().equals(HTTP_METHOD)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * What the interceptor runs for one intercepted instance: the chains by method, and whether they are a rest
     * client's.
     */
    record Chains(Map<Method, Strategy<Object>> byMethod, boolean client) {
    }

    /**
     * The chains of the client interface an invocation belongs to: an interface of the target that has a chain for
     * the method (RESTEasy's targets are the client proxy), else the interface declaring the method (Jersey's target
     * is its own method model), else the one client interface inheriting it with a chain (the first by name when
     * several do, which only Jersey cannot tell apart: {@code docs/rest-client.md}). Runs once per interceptor
     * instance.
     */
    static Chains chainsFor(Object target, Method method, Map<Class<?>, Map<Method, Strategy<Object>>> chains) {
        if (target != null) {
            for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
                for (Class<?> i : c.getInterfaces()) {
                    Map<Method, Strategy<Object>> byMethod = chains.get(i);
                    if (byMethod != null && byMethod.containsKey(method)) {
                        return new Chains(byMethod, true);
                    }
                }
            }
        }
        Map<Method, Strategy<Object>> declared = chains.get(method.getDeclaringClass());
        if (declared != null && declared.containsKey(method)) {
            return new Chains(declared, true);
        }
        Class<?> inheriting = null;
        for (Map.Entry<Class<?>, Map<Method, Strategy<Object>>> e : chains.entrySet()) {
            Class<?> c = e.getKey();
            if (c.isInterface() && method.getDeclaringClass().isAssignableFrom(c) && e.getValue().containsKey(method)
                    && (inheriting == null || c.getName().compareTo(inheriting.getName()) < 0)) {
                inheriting = c;
            }
        }
        return inheriting == null ? new Chains(Map.of(), true) : new Chains(chains.get(inheriting), true);
    }

    /**
     * The plans of one client interface's guarded methods, keyed by the interface's methods as
     * {@code Class.getMethods()} returns them (the {@code Method} the implementations pass to the interceptor).
     * Problems, such as a Steadfast annotation on a default method, go to {@code problems}.
     */
    static <T> Map<Method, MethodPlan> plan(AnnotatedType<T> type, PolicyResolver resolver, Problems problems,
            BiConsumer<Method, Map<PolicyKind, Annotation>> guarded) {
        Class<T> client = type.getJavaClass();
        AnnotationsFound found = AnnotationsFound.of(type, problems);
        Map<Method, MethodPlan> byMethod = new HashMap<>();
        for (AnnotatedMethod<? super T> m : type.getMethods()) {
            Method method = m.getJavaMember();
            if (method.getDeclaringClass() == Object.class) {
                continue;
            }
            Map<PolicyKind, Annotation> own = AnnotationsFound.methodLevel(m);
            if (!Modifier.isAbstract(method.getModifiers())) {
                if (!own.isEmpty()) {
                    problems.add(own.values().stream().map(a -> "@" + a.annotationType().getSimpleName())
                            .reduce((a, b) -> a + ", " + b).orElse("") + " on " + Signatures.describe(client, method)
                            + ": the method is " + (method.isDefault() ? "a default method" : "static")
                            + " of a rest client interface, which rest client implementations call without"
                            + " interceptors; guard an abstract (HTTP) method of the interface instead");
                }
                continue;
            }
            Map<PolicyKind, Annotation> effective = found.effective(m);
            if (effective.isEmpty()) {
                continue;
            }
            guarded.accept(method, effective);
            MethodPlan plan = resolver.resolve(client, method, effective);
            if (plan == null) {
                continue;
            }
            if (plan.fallback != null && plan.fallback.handler() == null) {
                // Jersey hands interceptors its own method model as the target, not the client: a fallback method
                // could not be called on it. A handler needs no target.
                problems.add("@Fallback.fallbackMethod on " + plan.name + ": a rest client interface cannot have"
                        + " fallback methods, as rest client implementations do not give interceptors the client"
                        + " to call them on; use a FallbackHandler: @Fallback(value = ...)");
                continue;
            }
            byMethod.put(method, plan);
        }
        return byMethod;
    }
}
