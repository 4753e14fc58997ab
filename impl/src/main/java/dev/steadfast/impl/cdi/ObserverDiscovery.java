package dev.steadfast.impl.cdi;

import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.ObserverContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

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
    /** Broken provider entries tolerated before giving up on the rest (ServiceLoader skips past each one). */
    private static final int MAX_LOAD_ERRORS = 16;

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
        ObserverContext context = context(beanManager);
        List<GuardObserver> ready = new ArrayList<>();
        for (GuardObserver o : found) {
            try {
                o.init(context);
                ready.add(o);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + o + " failed to start; it is left out", e);
            }
        }
        return ready;
    }

    private static List<GuardObserver> serviceLoaded() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = tccl != null ? tccl : ObserverDiscovery.class.getClassLoader();
        List<GuardObserver> found = new ArrayList<>();
        Iterator<GuardObserver> it = ServiceLoader.load(GuardObserver.class, loader).iterator();
        for (int errors = 0; errors < MAX_LOAD_ERRORS; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // Typically an optional module whose library is missing (steadfast-micrometer without Micrometer).
                errors++;
                LOG.log(Level.WARNING, () -> "Steadfast could not load a " + GuardObserver.class.getName()
                        + " listed in META-INF/services; it is left out: " + e, e);
            }
        }
        return found;
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
                            + " bean for its observers; they fall back to their default", e);
                    return Optional.empty();
                }
            }
        };
    }
}
