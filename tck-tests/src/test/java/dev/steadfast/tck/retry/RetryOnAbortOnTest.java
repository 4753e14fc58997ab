package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code retryOn}, {@code abortOn} (docs/annotations.md): which failures are retried, and how the others propagate. */
@EnableWeld
class RetryOnAbortOnTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(SelectiveService.class);

    @Inject
    SelectiveService service;

    @Test
    void aFailureInRetryOnIsRetried() {
        IOException failure = new IOException("connection reset");

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> service.call(failure));

        assertEquals(3, service.calls());
        assertSame(failure, e.getCause());
    }

    @Test
    void aSubclassOfARetryOnClassIsRetried() {
        assertThrows(RetryExhaustedException.class, () -> service.call(new SocketTimeoutException("slow")));

        assertEquals(3, service.calls());
    }

    @Test
    void aFailureNotInRetryOnPropagatesUnwrappedAtOnce() {
        IllegalStateException failure = new IllegalStateException("bug");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> service.call(failure));

        assertSame(failure, e);
        assertEquals(1, service.calls());
    }

    @Test
    void aFailureInAbortOnPropagatesUnwrappedAtOnceEvenThoughRetryOnMatchesIt() {
        FileNotFoundException failure = new FileNotFoundException("quotes.csv");

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> service.call(failure));

        assertSame(failure, e);
        assertEquals(1, service.calls(), "abortOn wins over retryOn");
    }

    @Test
    void abortOnAloneStopsOnlyItsFailures() {
        assertThrows(IllegalArgumentException.class,
                () -> service.callAbortingOnBadInput(new IllegalArgumentException("bad input")));
        assertEquals(1, service.calls());

        assertThrows(RetryExhaustedException.class,
                () -> service.callAbortingOnBadInput(new IllegalStateException("transient")));
        assertEquals(1 + 3, service.calls(), "the default retryOn (Exception) still retries the rest");
    }

    @Test
    void anErrorIsNotRetriedByTheDefaultRetryOn() {
        AssertionError failure = new AssertionError("broken invariant");

        AssertionError e = assertThrows(AssertionError.class, () -> service.callWithDefaults(failure));

        assertSame(failure, e);
        assertEquals(1, service.calls(), "retryOn defaults to Exception, and an Error is not one");
    }
}
