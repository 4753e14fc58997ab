package dev.steadfast.tck.degradation;

import dev.steadfast.Fallback;
import dev.steadfast.FallbackContext;
import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fallback methods that take a {@link FallbackContext}: alone, and before the failure parameter. */
@ApplicationScoped
public class Inventory {

    private final List<Object> seen = new CopyOnWriteArrayList<>();

    @Fallback(fallbackMethod = "estimate")
    public int stock(String sku, int warehouse) throws IOException {
        throw new IOException("inventory down");
    }

    @Retry(maxRetries = 1)
    @Fallback(fallbackMethod = "estimateAfter")
    public int stockRetried(String sku) throws IOException {
        throw new FileNotFoundException("no such shelf");
    }

    int estimate(String sku, int warehouse, FallbackContext context) {
        seen.add(context);
        return -1;
    }

    int estimateAfter(String sku, FallbackContext context, FileNotFoundException failure) {
        seen.add(context);
        seen.add(failure);
        return -2;
    }

    /** The contexts and failures the fallbacks were given, in order. */
    public List<Object> seen() {
        return List.copyOf(seen);
    }
}
