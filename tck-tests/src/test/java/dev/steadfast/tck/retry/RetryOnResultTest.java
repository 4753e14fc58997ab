package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code retryOnResult} ({@code docs/annotations.md}): a result the predicate accepts counts as a failed attempt. */
@EnableWeld
class RetryOnResultTest {

    private static final HttpResponse UNAVAILABLE = new HttpResponse(503, "try later");
    private static final HttpResponse OK = new HttpResponse(200, "quote");

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(ScriptedClient.class, RejectedAnswers.class);

    @Inject
    ScriptedClient client;

    @Inject
    RejectedAnswers rejectedAnswers;

    @Test
    void aRejectedResultIsRetriedAndTheNextAcceptedOneReturned() {
        client.answer(UNAVAILABLE, UNAVAILABLE, OK);

        assertEquals(OK, client.get());
        assertEquals(3, client.calls());
    }

    @Test
    void aResultThePredicateDoesNotRejectIsReturnedAtOnce() {
        client.answer(new HttpResponse(404, "no such quote"), OK);

        assertEquals(404, client.get().status(), "only 503 is rejected");
        assertEquals(1, client.calls());
    }

    @Test
    void whenEveryResultIsRejectedTheCallerGetsRetryExhaustedWithTheLastResultAndNoCause() {
        HttpResponse third = new HttpResponse(503, "still down");
        client.answer(UNAVAILABLE, UNAVAILABLE, third);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, client::get);

        assertEquals(3, e.getAttempts());
        assertEquals(3, client.calls());
        assertNull(e.getCause(), "no attempt failed");
        assertEquals(Optional.of(third), e.getLastResult());
        assertTrue(e.getMessage().contains("rejected by retryOnResult"), e.getMessage());
    }

    @Test
    void aPredicateClassThatIsACdiBeanIsUsedAsThatBean() {
        rejectedAnswers.reject("busy");
        client.answer("busy", "busy", "forty-two");

        assertEquals("forty-two", client.ask(), "a fresh instance would reject nothing and return 'busy'");
        assertEquals(3, client.calls());
    }

    @Test
    void theCdiBeanPredicateSeesChangesMadeAfterDeployment() {
        client.answer("maybe", "yes");
        assertEquals("maybe", client.ask());

        rejectedAnswers.reject("maybe");
        client.answer("maybe", "yes");

        assertEquals("yes", client.ask());
        assertEquals(2, client.calls());
    }

    @Test
    void anInterruptAfterARejectedResultEndsInRetryExhaustedWithTheFlagStillSet() {
        client.answer(UNAVAILABLE, OK);
        Thread.currentThread().interrupt();
        try {
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class, client::get);

            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag must stay set");
            assertEquals(1, e.getAttempts());
            assertEquals(Optional.of(UNAVAILABLE), e.getLastResult());
            assertEquals(1, client.calls());
        } finally {
            Thread.interrupted();
        }
    }
}
