package dev.steadfast.mp;

import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.mp.beans.Flaky;
import dev.steadfast.mp.beans.Guards;
import dev.steadfast.mp.beans.SteadfastOnly;
import dev.steadfast.mp.support.MpContainer;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.testng.annotations.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

/** The engine's rejections reach callers as MicroProfile exceptions; each front end keeps to its own annotations. */
public class ExceptionMappingTest {

    @Test
    public void anOpenBreakerRejectsWithCircuitBreakerOpenException() {
        try (MpContainer c = MpContainer.start(Map.of(), Guards.class)) {
            Guards g = c.select(Guards.class);
            assertThrows(IllegalStateException.class, g::breaker);
            assertThrows(IllegalStateException.class, g::breaker);
            assertThrows(CircuitBreakerOpenException.class, g::breaker);
        }
    }

    @Test
    public void aFullBulkheadRejectsWithBulkheadException() throws Exception {
        try (MpContainer c = MpContainer.start(Map.of(), Guards.class)) {
            Guards g = c.select(Guards.class);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    g.bulkhead(entered, release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertThrows(BulkheadException.class, () -> g.bulkhead(new CountDownLatch(1), new CountDownLatch(0)));
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aTimeoutEndsInTimeoutException() {
        try (MpContainer c = MpContainer.start(Map.of(), Guards.class)) {
            Guards g = c.select(Guards.class);
            assertThrows(TimeoutException.class, () -> g.timeout(new CountDownLatch(1)));
        }
    }

    @Test
    public void eachFrontEndKeepsToItsOwnAnnotations() {
        WeldContainer c = new Weld(UUID.randomUUID().toString()).disableDiscovery()
                .addExtension(new MpFaultToleranceExtension()).addExtension(new SteadfastExtension())
                .addBeanClasses(Flaky.class, SteadfastOnly.class).initialize();
        try {
            Flaky flaky = c.select(Flaky.class).get();
            assertThrows(IllegalStateException.class, flaky::fail);
            assertEquals(flaky.calls(), 4, "MP @Retry(maxRetries = 3) ran once, not by both front ends");
            SteadfastOnly steadfast = c.select(SteadfastOnly.class).get();
            assertThrows(dev.steadfast.RetryExhaustedException.class, steadfast::fail);
            assertEquals(steadfast.calls(), 3, "Steadfast @Retry(maxRetries = 2) ran once");
        } finally {
            c.shutdown();
        }
    }
}
