package dev.steadfast.impl.cdi;

import dev.steadfast.ComponentCheck;
import dev.steadfast.engine.health.ComponentChecks;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Registers the application's {@link ComponentCheck} beans (any qualifier) with the engine's health once, at the end
 * of deployment. A bean that cannot be created, has a blank or taken name, or asks for a timeout or interval that is
 * not allowed fails the deployment, naming the bean and the rule.
 */
final class CheckDiscovery {

    private CheckDiscovery() {
    }

    /**
     * @return the handles of the registered beans, to destroy at shutdown (a {@code @Dependent} check is the
     *         application's for as long as it runs)
     */
    static List<Instance.Handle<ComponentCheck>> register(BeanManager beanManager, ComponentChecks checks,
            Problems problems) {
        List<Instance.Handle<ComponentCheck>> registered = new ArrayList<>();
        Instance<ComponentCheck> beans = beanManager.createInstance().select(ComponentCheck.class, Any.Literal.INSTANCE);
        for (Instance.Handle<ComponentCheck> handle : beans.handles()) {
            try {
                checks.register(handle.get());
                registered.add(handle);
            } catch (RuntimeException e) {
                problems.add("Component check bean " + handle.getBean().getBeanClass().getName() + ": "
                        + e.getMessage());
                handle.destroy();
            }
        }
        return registered;
    }
}
