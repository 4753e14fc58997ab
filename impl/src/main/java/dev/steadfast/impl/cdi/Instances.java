package dev.steadfast.impl.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Obtains the instances annotations name by class (fallback handlers, result predicates) once, at deployment: the CDI
 * bean when the class is one, else a new instance through its no-arg constructor.
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
        Instance<T> bean = beanManager.createInstance().select(type);
        if (bean.isResolvable()) {
            return bean.get();
        }
        if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is abstract and not a CDI bean");
        }
        if (type.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is an inner class; make it static or a CDI bean");
        }
        try {
            Constructor<T> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " is not a CDI bean and has no no-arg constructor");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + "'s constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(type.getName() + " cannot be instantiated: " + e, e);
        }
    }
}
