package dev.steadfast.tck.restclient;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.restclient.TransientHttpException;
import dev.steadfast.spi.CallOutcome;
import dev.steadfast.tck.support.Eventually;
import dev.steadfast.tck.support.TestContainer;
import jakarta.ws.rs.ProcessingException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.CircuitState.OPEN;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.ok;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.status;
import static dev.steadfast.tck.restclient.LoopbackServer.Answer.unavailable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Steadfast annotation on an injected rest client ({@code @Inject @RestClient}, RESTEasy's implementation),
 * against a real HTTP server on 127.0.0.1: the server counts the requests, so "the body ran N times" is "N requests".
 */
class ClientAnnotationsTest {

    private static final String QUOTES = QuotesClient.class.getName();

    private LoopbackServer server;
    private TestContainer container;
    private QuotesClient quotes;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        container = ClientContainer.start(server, Map.of(), QuotesClient.class, BreakerClient.class,
                RefusedClient.class, Watcher.class);
        quotes = container.select(QuotesClient.class, RestClient.LITERAL);
    }

    @AfterEach
    void stop() {
        container.close();
        server.close();
    }

    @Test
    void aRetryOnTheInterfaceGuardsEveryMethodOncePerAttempt() {
        server.script("/quotes/a", status(500), status(502), ok("quote a"));

        assertEquals("quote a", quotes.get("a"));

        assertEquals(3, server.hits("/quotes/a"), "one request per attempt: the interceptor ran once per call");
        Watcher watcher = container.select(Watcher.class);
        assertEquals(2, watcher.retries().size());
        assertEquals(QUOTES + "#get(String)", watcher.retries().get(0).method());
        assertEquals(List.of(CallOutcome.SUCCESS), watcher.outcomes(QUOTES + "#get(String)"),
                "observers (the metrics modules) see the client's calls");
    }

    @Test
    void aRetryOnTheMethodReplacesTheInterfaces() {
        server.script("/quotes/b", status(500), ok("late"));

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> quotes.once("b"));

        assertEquals(1, e.getAttempts());
        assertEquals(500, assertInstanceOf(TransientHttpException.class, e.getCause()).getStatus());
        assertEquals(1, server.hits("/quotes/b"));
    }

    @Test
    void aMethodReturningAStageIsRetriedOnTheStage() throws Exception {
        server.script("/quotes/c", status(503), ok("staged"));

        assertEquals("staged", quotes.stage("c").toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(2, server.hits("/quotes/c"));
    }

    @Test
    void aTimeoutEndsASlowAnswer() {
        server.script("/quotes/d", ok("too late").after(Duration.ofMillis(800)));

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> quotes.slow("d"));

        assertInstanceOf(TimeoutExceededException.class, e.getCause(), "the timeout is inside the retry");
    }

    @Test
    void aTimeoutFailsTheStageOfASlowAnswerAtTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        server.script("/quotes/e", ok("never").heldBy(never));
        long start = System.nanoTime();

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> quotes.slowStage("e").toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertInstanceOf(TimeoutExceededException.class, e.getCause().getCause(), "the timeout is inside the retry");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the stage failed after " + took);
        never.countDown();
    }

    @Test
    void aFallbackHandlerAnswersWhenRetriesRunOut() {
        server.script("/quotes/f", unavailable("0"));

        assertEquals("cached:f after RetryableHttpException", quotes.withFallback("f"));
        assertEquals(2, server.hits("/quotes/f"));
    }

    @Test
    void aFullBulkheadRejectsTheNextCallWithoutARequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.script("/quotes/g", ok("held").heldBy(release));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> quotes.narrow("g"));
        Eventually.await(() -> server.hits("/quotes/g") == 1, () -> "the first call reaches the server");

        assertThrows(BulkheadFullException.class, () -> quotes.narrow("g"));

        release.countDown();
        assertEquals("held", first.get(10, TimeUnit.SECONDS));
        assertEquals(1, server.hits("/quotes/g"));
    }

    @Test
    void aRateLimitRejectsBeyondItsValueWithoutARequest() {
        server.script("/quotes/h", ok("h"));

        quotes.limited("h");
        quotes.limited("h");
        assertThrows(RateLimitExceededException.class, () -> quotes.limited("h"));

        assertEquals(2, server.hits("/quotes/h"));
    }

    @Test
    void aBreakerOnTheInterfaceOpensPerMethodAndIsRegisteredUnderTheInterface() {
        BreakerClient client = container.select(BreakerClient.class, RestClient.LITERAL);
        server.script("/breaker/x", status(500));

        assertThrows(TransientHttpException.class, () -> client.get("x"));
        assertThrows(TransientHttpException.class, () -> client.get("x"));
        CircuitOpenException open = assertThrows(CircuitOpenException.class, () -> client.get("x"));

        String name = BreakerClient.class.getName() + "#get";
        assertEquals(name, open.getBreakerName());
        assertEquals(2, server.hits("/breaker/x"), "an open breaker sends no request");
        assertEquals(OPEN, container.select(CircuitBreakers.class).get(name).state());
    }

    @Test
    void refusedConnectionsAreRetriedAndEndInRetryExhausted() {
        RefusedClient refused = container.select(RefusedClient.class, RestClient.LITERAL);

        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, () -> refused.get("z"));

        assertEquals(3, e.getAttempts());
        assertInstanceOf(ProcessingException.class, e.getCause());
    }
}
