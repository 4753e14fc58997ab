package dev.steadfast.tck.degradation;

import dev.steadfast.Fallback;
import dev.steadfast.FallbackContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** A fallback method that takes its {@code FallbackContext} after the failure: a definition error. */
@ApplicationScoped
public class MisorderedContext {

    @Fallback(fallbackMethod = "backup")
    public String fetch(String key) throws IOException {
        throw new IOException();
    }

    String backup(String key, IOException failure, FallbackContext context) {
        return "backup";
    }
}
