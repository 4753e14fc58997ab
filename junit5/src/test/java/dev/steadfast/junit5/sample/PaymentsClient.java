package dev.steadfast.junit5.sample;

import dev.steadfast.Asynchronous;
import dev.steadfast.Bulkhead;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.RateLimit;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A user's bean guarded by Steadfast: the code under test in the sample tests. */
@ApplicationScoped
public class PaymentsClient {

    @Inject
    PaymentGateway gateway;

    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public String charge(String order) throws IOException {
        return gateway.send("charge " + order);
    }

    @CircuitBreaker(name = "ledger", requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1,
            delayUnit = ChronoUnit.MINUTES)
    public String book(String entry) throws IOException {
        return gateway.send("book " + entry);
    }

    @Retry(maxRetries = 3, delay = 10, delayUnit = ChronoUnit.SECONDS, retryOn = IOException.class)
    public String refund(String order) throws IOException {
        return gateway.send("refund " + order);
    }

    @Asynchronous
    @Retry(maxRetries = 2, delay = 5, delayUnit = ChronoUnit.SECONDS, retryOn = IOException.class)
    public CompletionStage<String> chargeLater(String order) {
        try {
            return CompletableFuture.completedFuture(gateway.send("charge later " + order));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    public String status(String order) throws IOException {
        return gateway.send("status " + order);
    }

    @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.MINUTES)
    public String quote(String order) throws IOException {
        return gateway.send("quote " + order);
    }

    @Bulkhead(value = 1, waitingTaskQueue = 0)
    public CompletionStage<String> settle() {
        return gateway.settle();
    }
}
