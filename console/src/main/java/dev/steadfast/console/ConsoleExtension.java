package dev.steadfast.console;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

import java.util.List;

/**
 * Brings the console into a CDI application: registers its beans (the {@link Console} itself, the Jakarta REST
 * resource and the filter that serves it under a configured path) and reads its {@linkplain ConsoleConfig
 * configuration} once, when the container starts. A value that breaks its rule fails the deployment with a message
 * naming the key, the value and the rule.
 *
 * <p>Found through {@code META-INF/services} in any container that loads extensions from the application (Payara,
 * WildFly, Helidon, Weld SE with discovery). With Weld SE and {@code disableDiscovery()}, add it yourself:
 * {@code weld.addExtension(new ConsoleExtension())}; it registers the beans, so no bean class needs naming.
 */
public class ConsoleExtension implements Extension {

    private ConsoleConfig config = ConsoleConfig.DEFAULTS;
    private String problem;

    void register(@Observes BeforeBeanDiscovery event) {
        try {
            config = ConsoleConfig.read(ConsoleConfig.lookup());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        event.addAnnotatedType(Console.class, Console.class.getName()).add(Registered.Literal.INSTANCE);
        // The resource and the filter carry no scope of their own (see ConsoleResource): dependent beans.
        for (Class<?> type : List.of(ConsoleResource.class, ConsolePathFilter.class)) {
            event.addAnnotatedType(type, type.getName()).add(Registered.Literal.INSTANCE)
                    .add(Dependent.Literal.INSTANCE);
        }
    }

    /*
     * Vetoes a second, discovered copy of the console's types (see Registered). One observer per type: an observer of
     * every type would cost each of the application's classes a call at start-up (and Weld warns of it, WELD-000411).
     */

    void vetoDiscoveredConsole(@Observes ProcessAnnotatedType<Console> event) {
        vetoUnregistered(event);
    }

    void vetoDiscoveredResource(@Observes ProcessAnnotatedType<ConsoleResource> event) {
        vetoUnregistered(event);
    }

    void vetoDiscoveredFilter(@Observes ProcessAnnotatedType<ConsolePathFilter> event) {
        vetoUnregistered(event);
    }

    private static void vetoUnregistered(ProcessAnnotatedType<?> event) {
        if (!event.getAnnotatedType().isAnnotationPresent(Registered.class)) {
            event.veto();
        }
    }

    void reportProblems(@Observes AfterDeploymentValidation event) {
        if (problem != null) {
            event.addDeploymentProblem(new DeploymentException("Steadfast console configuration: " + problem));
        }
    }

    /**
     * The configuration read when the container started (the defaults when it was broken, which fails the
     * deployment), e.g. to print where the console is.
     */
    public ConsoleConfig config() {
        return config;
    }
}
