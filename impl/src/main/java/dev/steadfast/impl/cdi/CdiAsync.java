package dev.steadfast.impl.cdi;

import dev.steadfast.spi.AsyncExecutorProvider;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.lang.System.Logger.Level;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What asynchronous bodies need from the container: the executor (an {@link AsyncExecutorProvider} bean, else the
 * container's default {@code ManagedExecutorService}, else the engine's own) and an active request context.
 */
final class CdiAsync {

    static final String MANAGED_EXECUTOR_JNDI = "java:comp/DefaultManagedExecutorService";

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private CdiAsync() {
    }

    /** Asked once, on the first asynchronous call; {@code null} lets the engine use its own executor. */
    static Supplier<Executor> preferredExecutor(BeanManager beanManager) {
        return () -> {
            Instance<AsyncExecutorProvider> provider = beanManager.createInstance().select(AsyncExecutorProvider.class);
            if (provider.isResolvable()) {
                Executor e = provider.get().executor();
                LOG.log(Level.INFO, () -> "Steadfast runs asynchronous methods on " + e + " from an AsyncExecutorProvider");
                return e;
            }
            Executor managed = managedExecutor();
            if (managed != null) {
                LOG.log(Level.INFO, () -> "Steadfast runs asynchronous methods on the container's "
                        + MANAGED_EXECUTOR_JNDI);
                return managed;
            }
            LOG.log(Level.INFO, "Steadfast runs asynchronous methods on its own executor (virtual threads on Java 21+,"
                    + " else a bounded pool)");
            return null;
        };
    }

    private static Executor managedExecutor() {
        try {
            Object found = new InitialContext().lookup(MANAGED_EXECUTOR_JNDI);
            return found instanceof Executor e ? e : null;
        } catch (NamingException | RuntimeException | LinkageError noJndiOrNoExecutor) {
            return null;
        }
    }
}
