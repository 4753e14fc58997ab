package dev.steadfast.tck.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.tck.bulkhead.Callers.awaitParked;
import static dev.steadfast.tck.bulkhead.Callers.inBackground;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @Bulkhead} on synchronous methods (docs/annotations.md): concurrency, {@code maxWait}, state per method. */
@EnableWeld
class BulkheadTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(TwoAtATime.class, PatientBulkhead.class,
            ImpatientBulkhead.class, OneAtATimeDependent.class, OneAtATimePerMethod.class);

    @Inject
    TwoAtATime twoAtATime;

    @Inject
    PatientBulkhead patient;

    @Inject
    ImpatientBulkhead impatient;

    @Inject
    OneAtATimeDependent firstInstance;

    @Inject
    OneAtATimeDependent secondInstance;

    @Inject
    OneAtATimePerMethod perMethod;

    @Test
    void rejectsTheThirdConcurrentCallAtOnceWithoutInvokingTheMethod() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        var first = inBackground("first", () -> twoAtATime.hold(entered, release));
        var second = inBackground("second", () -> twoAtATime.hold(entered, release));
        try {
            assertTrue(entered.await(5, TimeUnit.SECONDS), "two calls should be running inside the method");

            long start = System.nanoTime();
            BulkheadFullException e = assertThrows(BulkheadFullException.class,
                    () -> twoAtATime.hold(new CountDownLatch(1), release));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "rejected at once, not after " + took);
            assertEquals(2, twoAtATime.invocations(), "the rejected call must not reach the method");
            assertEquals(2, e.getMaxConcurrentCalls());
            assertEquals(TwoAtATime.class.getName() + "#hold(CountDownLatch, CountDownLatch)", e.getMethod());
            assertTrue(e.getMessage().contains(e.getMethod()), e.getMessage());
        } finally {
            release.countDown();
        }
        assertEquals("done", first.result().get(5, TimeUnit.SECONDS));
        assertEquals("done", second.result().get(5, TimeUnit.SECONDS));
    }

    @Test
    void admitsCallsAgainOnceTheRunningOnesHaveFinished() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        var first = inBackground("first", () -> twoAtATime.hold(entered, release));
        var second = inBackground("second", () -> twoAtATime.hold(entered, release));
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        assertThrows(BulkheadFullException.class, () -> twoAtATime.hold(new CountDownLatch(1), release));
        release.countDown();
        first.result().get(5, TimeUnit.SECONDS);
        second.result().get(5, TimeUnit.SECONDS);

        // Both permits are back: two calls can be held at once again, and only the third is turned away.
        CountDownLatch enteredAgain = new CountDownLatch(2);
        CountDownLatch releaseAgain = new CountDownLatch(1);
        var third = inBackground("third", () -> twoAtATime.hold(enteredAgain, releaseAgain));
        var fourth = inBackground("fourth", () -> twoAtATime.hold(enteredAgain, releaseAgain));
        try {
            assertTrue(enteredAgain.await(5, TimeUnit.SECONDS), "both permits should have been returned");
            assertThrows(BulkheadFullException.class, () -> twoAtATime.hold(new CountDownLatch(1), releaseAgain));
        } finally {
            releaseAgain.countDown();
        }
        assertEquals("done", third.result().get(5, TimeUnit.SECONDS));
        assertEquals("done", fourth.result().get(5, TimeUnit.SECONDS));
        assertEquals("done", twoAtATime.hold(new CountDownLatch(1), releaseAgain), "a lone call passes");
        assertEquals(5, twoAtATime.invocations());
    }

    @Test
    void aWaitingCallerGetsThePermitWhenARunningCallEnds() throws Exception {
        CountDownLatch holderEntered = new CountDownLatch(1);
        CountDownLatch releaseHolder = new CountDownLatch(1);
        var holder = inBackground("holder", () -> patient.hold("holder", holderEntered, releaseHolder));
        assertTrue(holderEntered.await(5, TimeUnit.SECONDS));

        CountDownLatch waiterEntered = new CountDownLatch(1);
        var waiter = inBackground("waiter", () -> patient.hold("waiter", waiterEntered, new CountDownLatch(0)));
        try {
            assertTrue(awaitParked(waiter.thread()), "the second caller should wait for the permit");
            assertEquals(1, patient.invocations(), "the waiting caller must not run before it has the permit");
            assertFalse(waiter.result().isDone());
        } finally {
            releaseHolder.countDown();
        }

        assertEquals("holder", holder.result().get(5, TimeUnit.SECONDS));
        assertEquals("waiter", waiter.result().get(5, TimeUnit.SECONDS), "the waiter gets the released permit");
        assertEquals(2, patient.invocations());
    }

    @Test
    void aWaitingCallerIsRejectedWhenNoPermitFreesUpWithinMaxWait() throws Exception {
        CountDownLatch holderEntered = new CountDownLatch(1);
        CountDownLatch releaseHolder = new CountDownLatch(1);
        var holder = inBackground("holder", () -> impatient.hold("holder", holderEntered, releaseHolder));
        try {
            assertTrue(holderEntered.await(5, TimeUnit.SECONDS));

            long start = System.nanoTime();
            assertThrows(BulkheadFullException.class,
                    () -> impatient.hold("waiter", new CountDownLatch(1), new CountDownLatch(0)));
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(waited.compareTo(Duration.ofMillis(50)) >= 0, "waited only " + waited + " of maxWait 50 ms");
            assertTrue(waited.compareTo(Duration.ofSeconds(4)) < 0, "waited " + waited + " for maxWait 50 ms");
            assertEquals(1, impatient.invocations(), "the rejected caller must not reach the method");
        } finally {
            releaseHolder.countDown();
        }
        assertEquals("holder", holder.result().get(5, TimeUnit.SECONDS));
        assertEquals("after", impatient.hold("after", new CountDownLatch(1), new CountDownLatch(0)),
                "the caller that gave up must not have kept a permit");
    }

    @Test
    void allInstancesOfABeanShareOneBulkhead() throws Exception {
        assertNotSame(firstInstance, secondInstance);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var held = inBackground("held", () -> firstInstance.hold(entered, release));
        try {
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            assertThrows(BulkheadFullException.class,
                    () -> secondInstance.hold(new CountDownLatch(1), new CountDownLatch(0)));
        } finally {
            release.countDown();
        }
        assertEquals("done", held.result().get(5, TimeUnit.SECONDS));
        assertEquals("done", secondInstance.hold(new CountDownLatch(1), new CountDownLatch(0)));
    }

    @Test
    void aBulkheadOnTheClassGivesEveryMethodItsOwnPermits() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var held = inBackground("held", () -> perMethod.hold(entered, release));
        try {
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            assertEquals("other", perMethod.other(), "another method has a bulkhead of its own");
            assertThrows(BulkheadFullException.class,
                    () -> perMethod.hold(new CountDownLatch(1), new CountDownLatch(0)),
                    "the class-level bulkhead applies to hold()");
        } finally {
            release.countDown();
        }
        assertEquals("held", held.result().get(5, TimeUnit.SECONDS));
    }
}
