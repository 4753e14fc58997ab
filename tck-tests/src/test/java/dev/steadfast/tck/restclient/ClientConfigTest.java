package dev.steadfast.tck.restclient;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.restclient.TransientHttpException;
import dev.steadfast.tck.support.TestContainer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.steadfast.tck.restclient.LoopbackServer.Answer.ok;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Config keys named by the client interface, as they are named by the bean class (docs/configuration.md). */
class ClientConfigTest {

    private static final String QUOTES = QuotesClient.class.getName();

    private LoopbackServer server;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theMethodKeyOfTheInterfaceOverridesTheMethodsAnnotation() {
        try (TestContainer c = ClientContainer.start(server,
                Map.of("steadfast.\"" + QUOTES + "/once\".retry.max-retries", "2"), QuotesClient.class)) {
            server.script("/quotes/a", status(500), status(500), ok("third"));

            assertEquals("third", c.select(QuotesClient.class, RestClient.LITERAL).once("a"));
            assertEquals(3, server.hits("/quotes/a"));
        }
    }

    @Test
    void theInterfaceKeyOverridesTheInterfacesAnnotation() {
        try (TestContainer c = ClientContainer.start(server,
                Map.of("steadfast.\"" + QUOTES + "\".retry.max-retries", "0"), QuotesClient.class)) {
            server.script("/quotes/b", status(500), ok("late"));

            RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                    () -> c.select(QuotesClient.class, RestClient.LITERAL).get("b"));
            assertEquals(1, e.getAttempts());
        }
    }

    @Test
    void aPolicySwitchedOffForOneClientMethodLetsTheFailureThrough() {
        try (TestContainer c = ClientContainer.start(server,
                Map.of("steadfast.\"" + QUOTES + "/get\".retry.enabled", "false"), QuotesClient.class)) {
            server.script("/quotes/c", status(500), ok("late"));

            assertThrows(TransientHttpException.class, () -> c.select(QuotesClient.class, RestClient.LITERAL).get("c"));
            assertEquals(1, server.hits("/quotes/c"));
        }
    }
}
