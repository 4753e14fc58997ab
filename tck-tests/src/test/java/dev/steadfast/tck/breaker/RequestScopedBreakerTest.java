package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.tck.support.TestContainer;
import jakarta.enterprise.context.control.RequestContextController;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An unnamed breaker is per bean class and method, not instance (docs/order-and-state.md): failures in three requests,
 * three instances of a {@code @RequestScoped} bean, open it for the fourth; it is registered as
 * {@code <fully.qualified.Class>#<method>} ({@code docs/operations.md}).
 */
class RequestScopedBreakerTest {

    private static final String NAME = PerRequestQuote.class.getName() + "#quote";

    @BeforeEach
    void forgetEarlierInstances() {
        PerRequestQuote.INSTANCES.clear();
        PerRequestQuote.INVOCATIONS.set(0);
    }

    @Test
    void failuresInSeveralRequestsOpenTheOneBreakerForTheNextRequest() throws Exception {
        try (TestContainer c = TestContainer.start(PerRequestQuote.class)) {
            PerRequestQuote quotes = c.select(PerRequestQuote.class); // a client proxy: the instance is per request
            RequestContextController requests = c.select(RequestContextController.class);
            for (int i = 0; i < 3; i++) {
                inRequest(requests, () -> assertThrows(IOException.class, () -> quotes.quote(true)));
            }
            assertEquals(3, PerRequestQuote.INSTANCES.size(), "each request had its own instance");

            CircuitOpenException e = inRequest(requests,
                    () -> assertThrows(CircuitOpenException.class, () -> quotes.quote(false)));

            assertEquals(NAME, e.getBreakerName());
            assertEquals(OPEN, e.getState());
            assertEquals(3, PerRequestQuote.INVOCATIONS.get(), "the fourth request's call must not be invoked");
        }
    }

    @Test
    void isRegisteredUnderClassAndMethodNameFromDeploymentOn() {
        try (TestContainer c = TestContainer.start(PerRequestQuote.class)) {
            CircuitBreakers breakers = c.select(CircuitBreakers.class);

            List<String> names = breakers.all().stream().map(CircuitBreakerHandle::name).toList();

            assertEquals(List.of(NAME), names);
            assertTrue(PerRequestQuote.INSTANCES.isEmpty(), "no instance was needed to register it");
        }
    }

    private static <T> T inRequest(RequestContextController requests, Callable<T> work) throws Exception {
        assertTrue(requests.activate(), "a request context was already active");
        try {
            return work.call();
        } finally {
            requests.deactivate();
        }
    }
}
