package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** Fallbacks by handler class. */
@ApplicationScoped
public class Greeter {

    @Fallback(GreetingHandler.class)
    public String greet(String name) throws IOException {
        throw new IOException("greeting service down");
    }

    @Fallback(PlainHandler.class)
    public String wave(String name) {
        throw new IllegalStateException("no hands for " + name);
    }

    @Fallback(FailingHandler.class)
    public String nod(String name) {
        throw new IllegalStateException("stiff neck");
    }
}
