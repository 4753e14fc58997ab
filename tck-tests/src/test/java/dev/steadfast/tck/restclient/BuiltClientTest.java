package dev.steadfast.tck.restclient;

import dev.steadfast.impl.cdi.GuardedRestClients;
import dev.steadfast.restclient.TransientHttpException;
import dev.steadfast.tck.support.TestContainer;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static dev.steadfast.tck.restclient.LoopbackServer.Answer.ok;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Clients built with {@code RestClientBuilder} inside the container. RESTEasy's implementation applies interceptors
 * to injected clients only; {@link GuardedRestClients} applies them to a built one, and guarding a client that is
 * intercepted already still runs each call through Steadfast once.
 */
class BuiltClientTest {

    private LoopbackServer server;
    private TestContainer container;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        container = ClientContainer.start(server, Map.of(), BuiltClient.class, QuotesClient.class, Watcher.class);
    }

    @AfterEach
    void stop() {
        container.close();
        server.close();
    }

    private BuiltClient build() {
        return RestClientBuilder.newBuilder().baseUri(URI.create(server.url())).build(BuiltClient.class);
    }

    @Test
    void aGuardedBuiltClientRetriesOncePerAttempt() {
        BuiltClient client = GuardedRestClients.guard(BuiltClient.class, build());
        server.script("/built/a", status(500), status(503), ok("built"));

        assertEquals("built", client.get("a"));
        assertEquals(3, server.hits("/built/a"));
        assertEquals(2, container.select(Watcher.class).retries().size());
    }

    @Test
    void resteasyLeavesABuiltClientUnguarded() {
        BuiltClient client = build();
        server.script("/built/b", status(500), ok("late"));

        assertThrows(TransientHttpException.class, () -> client.get("b"));
        assertEquals(1, server.hits("/built/b"), "RESTEasy applies no interceptor to a built client");
    }

    @Test
    void guardingAClientThatIsInterceptedAlreadyGuardsEachCallOnce() {
        QuotesClient injected = container.select(QuotesClient.class, RestClient.LITERAL);
        QuotesClient twice = GuardedRestClients.guard(QuotesClient.class, injected);
        server.script("/quotes/c", status(500), ok("once"));

        assertEquals("once", twice.get("c"));
        assertEquals(2, server.hits("/quotes/c"), "two attempts, not four");
        assertEquals(1, container.select(Watcher.class).retries().size(), "one retry, announced once");
    }
}
