package dev.steadfast.tck.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bulkhead limits executions, not callers: a body whose caller gave up (cancelled, timed out) but that is still
 * running keeps its permit until it ends, so a stuck resource never sees more than {@code value} executions.
 */
@EnableWeld
class AbandonedCallsBulkheadTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(StubbornAsync.class);

    @Inject
    StubbornAsync bean;

    @Test
    void aCancelledBodyThatKeepsRunningKeepsItsPermit() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<String> first = bean.work(entered, interrupted, release).toCompletableFuture();
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            first.cancel(true);
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "cancel(true) interrupts the body");

            CompletableFuture<String> second = bean.work(new CountDownLatch(1), new CountDownLatch(1), release)
                    .toCompletableFuture();

            assertTrue(second.isCompletedExceptionally(), "a second body was admitted while the cancelled one runs");
            ExecutionException e = assertThrows(ExecutionException.class, second::get);
            assertInstanceOf(BulkheadFullException.class, e.getCause());
        } finally {
            release.countDown();
        }
        assertEquals(1, bean.mostRunning(), "bodies running at once");
    }

    @Test
    void aTimedOutBodyThatKeepsRunningKeepsItsPermit() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            CompletableFuture<String> first = bean.workWithTimeout(entered, interrupted, release)
                    .toCompletableFuture();
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutExceededException.class, timedOut.getCause());
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the timeout interrupts the body, which runs on");

            CompletableFuture<String> second = bean
                    .workWithTimeout(new CountDownLatch(1), new CountDownLatch(1), release).toCompletableFuture();

            assertTrue(second.isCompletedExceptionally(), "a second body was admitted while the timed-out one runs");
            ExecutionException e = assertThrows(ExecutionException.class, second::get);
            assertInstanceOf(BulkheadFullException.class, e.getCause());
        } finally {
            release.countDown();
        }
        assertEquals(1, bean.mostRunning(), "bodies running at once");
    }
}
