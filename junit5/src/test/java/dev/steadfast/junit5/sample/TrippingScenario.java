package dev.steadfast.junit5.sample;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Two tests in a fixed order on one container for the whole class: the first leaves every breaker, rate limit and
 * bulkhead tripped, the second expects all of them fresh. Only a reset between the tests makes the second pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TrippingScenario {

    @Inject
    PaymentsClient client;

    @Inject
    PaymentGateway gateway;

    @Test
    @Order(1)
    void leavesEverythingTripped() throws Exception {
        gateway.goDown();
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> client.charge("order"));
        }
        assertThrows(CircuitOpenException.class, () -> client.charge("order"));
        gateway.comeBack();

        client.quote("a");
        client.quote("b");
        assertThrows(RateLimitExceededException.class, () -> client.quote("c"));

        gateway.settleWith(new CompletableFuture<>()); // never completes: the bulkhead's one permit stays taken
        client.settle();
        assertBulkheadFull();
    }

    @Test
    @Order(2)
    void startsFromACleanSlate() throws Exception {
        gateway.settleWith(CompletableFuture.completedFuture("settled")); // the fake's own state is the test's job

        assertEquals("charge order ok", client.charge("order"));
        assertEquals("quote a ok", client.quote("a"));
        assertEquals("settled", client.settle().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }

    private void assertBulkheadFull() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.settle().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(BulkheadFullException.class, e.getCause());
    }
}
