package dev.steadfast.tck.bulkhead;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A bulkhead limits work in flight. A stage that timed out (or was cancelled) has not settled: the work behind it
 * goes on and keeps its permit until it really ends. And once the work has ended, its permit is free before the
 * caller hears the outcome, so a call made right after is never rejected.
 */
@EnableWeld
class WorkInFlightBulkheadTest {

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
                    .addExtension(new SteadfastExtension())
                    .addBeanClasses(TimedUpstream.class))
            .activate(RequestScoped.class)
            .build();

    @Inject
    TimedUpstream upstream;

    @Test
    void aTimedOutStageWhoseWorkGoesOnKeepsItsPermitUntilTheWorkEnds() throws Exception {
        CompletableFuture<String> firstWork = new CompletableFuture<>();
        CompletableFuture<String> first = upstream.fetch(firstWork).toCompletableFuture();
        ExecutionException timedOut = assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutExceededException.class, timedOut.getCause());
        assertFalse(firstWork.isDone(), "Steadfast cannot stop the upstream's work, so it does not pretend to");

        CompletableFuture<String> second = upstream.fetch(new CompletableFuture<>()).toCompletableFuture();

        ExecutionException rejected = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));
        assertInstanceOf(BulkheadFullException.class, rejected.getCause(), "the first work is still in flight");
        assertEquals(1, upstream.started(), "no upstream work started beside the unfinished one");

        firstWork.complete("late");

        assertEquals("third", upstream.fetch(CompletableFuture.completedFuture("third")).toCompletableFuture()
                .get(5, TimeUnit.SECONDS), "the permit came back when the work ended");
    }

    @Test
    void tenSequentialTimedOutCallsNeverRunTwoUpstreamWorksAtOnce() throws Exception {
        List<CompletableFuture<String>> works = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < 10; i++) {
            CompletableFuture<String> work = new CompletableFuture<>();
            works.add(work);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> upstream.fetch(work).toCompletableFuture().get(5, TimeUnit.SECONDS));
            if (e.getCause() instanceof BulkheadFullException) {
                rejected++;
            } else {
                assertInstanceOf(TimeoutExceededException.class, e.getCause());
            }
        }
        works.forEach(w -> w.complete("done"));

        assertEquals(1, upstream.started(), "upstream works started while the first one never ended");
        assertEquals(9, rejected);
    }

    @Test
    void aCallMadeAfterThePreviousCallsOutcomeArrivedIsNeverRejected() throws Exception {
        for (int i = 0; i < 300; i++) {
            int n = i;
            assertEquals("answer " + n, upstream.quick(n).toCompletableFuture().get(5, TimeUnit.SECONDS),
                    () -> "call " + n + " after " + n + " completed calls");
        }
    }
}
