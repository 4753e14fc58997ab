package dev.steadfast.impl.cdi;

import dev.steadfast.engine.observe.ServiceObservers;
import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.ObserverContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@link GuardObserver}s of an application once, at deployment: those listed in
 * {@code META-INF/services/dev.steadfast.spi.GuardObserver} (loaded with the application's class loader) and the CDI
 * beans of that type. A bean that is an instance of a service-loaded observer's class replaces it, so an application
 * can configure an optional module's observer itself. Each observer is then initialized with a context that finds the
 * application's beans. An observer that cannot be loaded or initialized is logged and left out: observing never
 * breaks the deployment.
 */
final class ObserverDiscovery {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private ObserverDiscovery() {
    }

    static List<GuardObserver> find(BeanManager beanManager) {
        List<GuardObserver> found = serviceLoaded();
        Instance<GuardObserver> beans = beanManager.createInstance().select(GuardObserver.class, Any.Literal.INSTANCE);
        for (Instance.Handle<GuardObserver> handle : beans.handles()) {
            GuardObserver bean;
            try {
                bean = handle.get();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Steadfast could not create the observer bean " + handle.getBean()
                        + "; guarded methods are not observed by it", e);
                continue;
            }
            found.removeIf(loaded -> loaded.getClass().isInstance(bean));
            found.add(bean);
        }
        return ServiceObservers.started(found, context(beanManager));
    }

    private static List<GuardObserver> serviceLoaded() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return ServiceObservers.load(tccl != null ? tccl : ObserverDiscovery.class.getClassLoader());
    }

    /** Finds the application's bean of a type, when exactly one resolves; for observers and cluster backends. */
    static ObserverContext beans(BeanManager beanManager) {
        return context(beanManager);
    }

    /** Finds the application's bean of a type, when exactly one resolves. */
    private static ObserverContext context(BeanManager beanManager) {
        return new ObserverContext() {
            @Override
            public <T> Optional<T> find(Class<T> type) {
                try {
                    Instance<T> bean = beanManager.createInstance().select(type);
                    return bean.isResolvable() ? Optional.of(bean.get()) : Optional.empty();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, () -> "Steadfast could not obtain the " + type.getName()
                            + " bean for its observers or cluster backend; they fall back to their default", e);
                    return Optional.empty();
                }
            }
        };
    }
}
