package dev.steadfast.junit5.sample;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The remote payment service, faked the way a user's test would fake it. */
@ApplicationScoped
public class PaymentGateway {

    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean down;
    private volatile Runnable duringCall = () -> { };
    private volatile CompletableFuture<String> settlement = CompletableFuture.completedFuture("settled");

    public String send(String request) throws IOException {
        int n = calls.incrementAndGet();
        duringCall.run();
        if (down) {
            throw new IOException("payment gateway unreachable (call " + n + ")");
        }
        return request + " ok";
    }

    public CompletableFuture<String> settle() {
        calls.incrementAndGet();
        return settlement;
    }

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    /** Runs {@code action} inside every call, e.g. to make calls take time on the test clock. */
    public void duringEachCall(Runnable action) {
        duringCall = action;
    }

    /** Settlements return this stage until told otherwise. */
    public void settleWith(CompletableFuture<String> stage) {
        settlement = stage;
    }

    public int calls() {
        return calls.get();
    }
}
