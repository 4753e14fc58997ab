package dev.steadfast.guard;

import dev.steadfast.ComponentCheck;
import dev.steadfast.Degraded;
import dev.steadfast.FallbackApplied;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.RetryExhaustedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A guard tells its caller whether a fallback answered (docs/degradation.md), and takes component checks. */
class DegradableGuardTest {

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFallbacksAnswerComesBackDegradedWithWhichHandlerAnsweredAndWhy() throws Exception {
        IOException down = new IOException("down");
        Guard<String> quotes = Guard.<String>builder("quotes-client")
                .fallback(f -> f.handler("replica", failure -> {
                    throw new IllegalStateException("lagging");
                }).handler("cache", failure -> "cached"))
                .build();

        Degraded<String> answer = quotes.callDegradable(() -> {
            throw down;
        });

        assertTrue(answer.isDegraded());
        assertEquals("cached", answer.value());
        FallbackApplied why = answer.reason().orElseThrow();
        assertEquals("quotes-client", why.method());
        assertEquals("cache", why.fallback());
        assertEquals(2, why.position());
        assertEquals(down, why.failure());
    }

    @Test
    void theActionsOwnAnswerComesBackFresh() throws Exception {
        Guard<String> quotes = Guard.<String>builder("quotes-client").fallbackTo(failure -> "cached").build();

        Degraded<String> answer = quotes.callDegradable(() -> "live");

        assertEquals(Degraded.fresh("live"), answer);
    }

    @Test
    void aDegradedCallLeavesNothingBehindForTheNextCallOnTheSameThread() throws Exception {
        Guard<String> quotes = Guard.<String>builder("quotes-client").fallbackTo(failure -> "cached").build();

        assertTrue(quotes.callDegradable(() -> {
            throw new IOException();
        }).isDegraded());

        assertFalse(quotes.callDegradable(() -> "live").isDegraded());
        assertEquals("live", quotes.call(() -> "live"), "call() is unchanged");
    }

    @Test
    void unnamedHandlersAreNamedByTheirPlace() throws Exception {
        Guard<String> quotes = Guard.<String>builder("quotes-client")
                .fallback(f -> f.handler(failure -> {
                    throw new IllegalStateException();
                }).handler(failure -> "second"))
                .build();

        assertEquals("handler-2", quotes.callDegradable(() -> {
            throw new IOException();
        }).reason().orElseThrow().fallback());
    }

    @Test
    void aFailureNoFallbackAnswersIsThrownAsByCall() {
        Guard<String> quotes = Guard.<String>builder("quotes-client").retry(r -> r.maxRetries(1)).build();

        assertThrows(RetryExhaustedException.class, () -> quotes.callDegradable(() -> {
            throw new IOException();
        }));
    }

    @Test
    void aBlankHandlerNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Guard.<String>builder("quotes-client")
                .fallback(f -> f.handler(" ", failure -> "x")));
    }

    @Test
    void anAsyncGuardsStageCompletesWithADegradedAnswer() throws Exception {
        AsyncGuard<String> quotes = Guard.<String>builder("quotes-async").asynchronous()
                .fallbackTo(failure -> "cached").buildAsync();

        Degraded<String> degraded = await(quotes.callDegradable(
                () -> CompletableFuture.failedFuture(new IOException("down"))));
        Degraded<String> fresh = await(quotes.callDegradable(() -> CompletableFuture.completedFuture("live")));

        assertEquals("cached", degraded.value());
        assertInstanceOf(IOException.class, degraded.reason().orElseThrow().failure());
        assertEquals(Degraded.fresh("live"), fresh, "nothing of the first call on the executor's threads");
    }

    @Test
    void anAsyncGuardsFailureArrivesThroughTheStageUnwrapped() {
        AsyncGuard<String> quotes = Guard.<String>builder("quotes-async").buildAsync();

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(quotes.callDegradable(
                () -> CompletableFuture.failedFuture(new IOException("down")))));

        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void cancellingTheDegradableStageCancelsTheCall() {
        CompletableFuture<String> inFlight = new CompletableFuture<>();
        AsyncGuard<String> quotes = Guard.<String>builder("quotes-async").fallbackTo(failure -> "cached")
                .buildAsync();

        quotes.callDegradable(() -> inFlight).toCompletableFuture().cancel(true);

        assertTrue(inFlight.isCancelled());
    }

    @Test
    void codeWithoutCdiRegistersAComponentCheckWithTheStandaloneHealthReport() {
        String name = "disk-" + UUID.randomUUID();
        ComponentCheck disk = new ComponentCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthStatus check() {
                return HealthStatus.DEGRADED;
            }
        };

        try (FaultToleranceHealth.Registration r = Steadfast.health().register(disk)) {
            assertEquals(HealthStatus.DEGRADED, Steadfast.health().report().components().get(name).status());
            assertEquals(Optional.empty(), Steadfast.health().report().components().get(name).failure());
        }
        assertFalse(Steadfast.health().report().components().containsKey(name));
    }
}
