package dev.steadfast.tck.restclient;

import dev.steadfast.restclient.RetryableHttpException;
import dev.steadfast.tck.support.TestContainer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.steadfast.tck.restclient.LoopbackServer.Answer.ok;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A guarded method that a client interface inherits from a super-interface: RESTEasy's implementation wraps the
 * client with the container's {@code InterceptionFactory}, which sees the methods the interface declares only, so no
 * interceptor runs for it (docs/rest-client.md says: declare guarded methods on the client interface). This test
 * notices the day that changes.
 */
class InheritedMethodTest {

    @Test
    void resteasyDoesNotInterceptAMethodInheritedFromASuperInterface() {
        try (LoopbackServer server = LoopbackServer.start();
                TestContainer c = ClientContainer.start(server, Map.of(), InheritingClient.class, BaseQuotes.class)) {
            server.script("/quotes/a", status(503), ok("inherited"));

            assertThrows(RetryableHttpException.class,
                    () -> c.select(InheritingClient.class, RestClient.LITERAL).inherited("a"));
            assertEquals(1, server.hits("/quotes/a"));
        }
    }
}
