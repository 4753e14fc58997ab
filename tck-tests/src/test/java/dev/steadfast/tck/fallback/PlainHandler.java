package dev.steadfast.tck.fallback;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;

import java.util.concurrent.atomic.AtomicInteger;

/** A handler that is not a CDI bean: Steadfast creates it once with its no-arg constructor. */
public class PlainHandler implements FallbackHandler<String> {

    private static final AtomicInteger CREATED = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();

    public PlainHandler() {
        CREATED.incrementAndGet();
    }

    public static int created() {
        return CREATED.get();
    }

    @Override
    public String handle(FallbackContext context) {
        return "plain #" + handled.incrementAndGet() + " for " + context.failure().getMessage();
    }
}
