package dev.steadfast.benchmarks.startup;

import jakarta.enterprise.inject.Instance;

import java.util.List;

/**
 * What {@link AppSources} generates besides the beans: one class, {@value AppSources#APP_CLASS}, that lists them and
 * calls each of their guarded methods once through the container, with plain Java calls (no reflection, which would
 * add its own first-call cost).
 */
public interface GeneratedApp {

    /** The application-scoped bean classes, to hand to {@code Weld.addBeanClasses}. */
    List<Class<?>> beanClasses();

    /**
     * Looks every bean up in {@code container} and calls each of its guarded methods once, through the client proxy.
     *
     * @return how many of those calls returned the body's result (not the fallback's)
     */
    int callEveryGuardedMethod(Instance<Object> container);
}
