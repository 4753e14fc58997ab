package dev.steadfast.impl.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Obtains the instances annotations name by class (fallback handlers, result predicates) once, at deployment: the CDI
 * bean when the class is one, else a new instance through its no-arg constructor. A class named in an annotation may
 * have a constructor of any visibility (the annotation is the class author's own code); a class named in config must
 * be public with a public no-arg constructor, since config must not reach code Java's access rules keep private.
 */
final class Instances {

    private final BeanManager beanManager;

    Instances(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    /**
     * @throws IllegalArgumentException with a message saying why the class cannot be instantiated
     */
    <T> T of(Class<T> type) {
        return of(type, null);
    }

    /**
     * @param configKey the config key that named the class, or {@code null} when an annotation names it
     * @throws IllegalArgumentException with a message saying why the class cannot be instantiated
     */
    <T> T of(Class<T> type, String configKey) {
        Instance<T> bean = beanManager.createInstance().select(type);
        if (bean.isResolvable()) {
            return bean.get();
        }
        if (configKey != null) {
            String inaccessible = inaccessible(type);
            if (inaccessible != null) {
                throw new IllegalArgumentException(type.getName() + " (from config key " + configKey + ") "
                        + inaccessible + "; a class named in config must be public with a public no-arg constructor,"
                        + " or a CDI bean");
            }
        }
        if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is abstract and not a CDI bean");
        }
        if (type.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is an inner class; make it static or a CDI bean");
        }
        try {
            Constructor<T> c = type.getDeclaredConstructor();
            if (configKey == null) {
                c.setAccessible(true);
            }
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " is not a CDI bean and has no no-arg constructor");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + "'s constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(type.getName() + " cannot be instantiated: " + e, e);
        }
    }

    /** Why code outside the class's package cannot create it, or {@code null} when it can. */
    private static String inaccessible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
                return c == type ? "is not public" : "is nested in " + c.getName() + ", which is not public";
            }
        }
        try {
            type.getConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return "has no public no-arg constructor";
        }
    }
}
