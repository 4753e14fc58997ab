package dev.steadfast.cdi;

import dev.steadfast.engine.async.ThreadContext;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.Objects;

/** The CDI request context around an asynchronous body, for the engine's executors. */
public final class RequestContext {

    private RequestContext() {
    }

    /**
     * Activates a request context around each asynchronous body, unless one is already active on that thread. The
     * engine calls both halves inside its {@code try}: a failure to activate fails the call; a failure to deactivate
     * (a {@code ContextNotActiveException} while the container stops) is logged by the engine and changes nothing
     * else, the call's outcome and its bulkhead permit least of all.
     *
     * @param beanManager the container's, asked for a {@link RequestContextController} per body
     */
    public static ThreadContext around(BeanManager beanManager) {
        Objects.requireNonNull(beanManager, "beanManager");
        return new ThreadContext() {
            @Override
            public Object activate() {
                RequestContextController controller = beanManager.createInstance()
                        .select(RequestContextController.class).get();
                return controller.activate() ? controller : null;
            }

            @Override
            public void deactivate(Object token) {
                if (token != null) {
                    ((RequestContextController) token).deactivate();
                }
            }
        };
    }
}
