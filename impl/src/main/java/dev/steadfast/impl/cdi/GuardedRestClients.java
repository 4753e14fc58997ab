package dev.steadfast.impl.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;

import java.util.Objects;

/**
 * Applies Steadfast's annotations to a rest client built with {@code RestClientBuilder}, where the rest client
 * implementation does not: RESTEasy's MicroProfile Rest Client 3 (WildFly, and Weld SE with RESTEasy) applies CDI
 * interceptors to injected clients only. Jersey's (Payara, Helidon) applies them to built clients too; wrapping one
 * there is harmless, as the guard runs once per call however many Steadfast interceptors surround it.
 *
 * <pre>{@code
 * QuotesClient quotes = GuardedRestClients.guard(QuotesClient.class,
 *         RestClientBuilder.newBuilder().baseUri(uri).build(QuotesClient.class));
 * }</pre>
 *
 * <p>The wrapper is made by the container's {@code InterceptionFactory}, with the interceptors the interface's
 * annotations bind; its interceptor instances live as long as the wrapper. Build a client once and keep it, as
 * MicroProfile Rest Client recommends anyway.
 */
public final class GuardedRestClients {

    private GuardedRestClients() {
    }

    /**
     * @param clientInterface the rest client interface
     * @param client          the client built for it
     * @return a client that runs each call through the interface's Steadfast policies, then {@code client}
     * @throws IllegalStateException when no CDI container is running
     */
    public static <T> T guard(Class<T> clientInterface, T client) {
        Objects.requireNonNull(clientInterface, "clientInterface");
        Objects.requireNonNull(client, "client");
        BeanManager beanManager = CDI.current().getBeanManager();
        return beanManager.createInterceptionFactory(beanManager.createCreationalContext(null), clientInterface)
                .createInterceptedInstance(client);
    }
}
