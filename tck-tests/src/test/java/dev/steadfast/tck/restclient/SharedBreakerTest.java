package dev.steadfast.tck.restclient;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.guard.Guard;
import dev.steadfast.restclient.TransientHttpException;
import dev.steadfast.tck.support.TestContainer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static dev.steadfast.CircuitState.OPEN;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code @CircuitBreaker(name = "backend")} on a client method, a bean method and a programmatic guard: one breaker. */
class SharedBreakerTest {

    private LoopbackServer server;
    private TestContainer container;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        container = ClientContainer.start(server, Map.of(), BreakerClient.class, BackendBean.class);
    }

    @AfterEach
    void stop() {
        container.close();
        server.close();
    }

    @Test
    void failuresThroughTheClientAndTheBeanOpenOneBreakerForBothAndForGuards() {
        BreakerClient client = container.select(BreakerClient.class, RestClient.LITERAL);
        BackendBean bean = container.select(BackendBean.class);
        server.script("/breaker/backend/x", status(503));

        assertThrows(TransientHttpException.class, () -> client.backend("x"));
        assertThrows(IOException.class, () -> bean.call(true));
        assertThrows(TransientHttpException.class, () -> client.backend("x"));
        assertThrows(IOException.class, () -> bean.call(true));

        assertEquals(OPEN, container.select(CircuitBreakers.class).get("backend").state());
        assertThrows(CircuitOpenException.class, () -> client.backend("x"));
        assertThrows(CircuitOpenException.class, () -> bean.call(false));
        Guard<String> guard = Guard.<String>builder("programmatic-backend")
                .circuitBreaker(b -> b.name("backend").requestVolumeThreshold(4).failureRatio(1.0)
                        .delay(Duration.ofMinutes(1)))
                .build();
        assertThrows(CircuitOpenException.class, () -> guard.call(() -> "not run"));
        assertEquals(2, server.hits("/breaker/backend/x"));
        assertEquals(2, bean.invocations());
    }
}
