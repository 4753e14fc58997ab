package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** Fallback methods that take the failure as a trailing parameter. */
@ApplicationScoped
public class FailureAware {

    @Fallback(fallbackMethod = "explain")
    public String read(String path) throws IOException {
        throw new IOException("disk gone");
    }

    String explain(String path, Throwable failure) {
        return path + ": " + failure.getClass().getSimpleName() + " " + failure.getMessage();
    }

    @Fallback(fallbackMethod = "explainIo")
    public String readNarrow(String path) throws IOException {
        throw new IOException("disk gone");
    }

    String explainIo(String path, IOException failure) {
        return path + " (I/O): " + failure.getMessage();
    }

    /** The first fallback takes only I/O failures; an {@code IllegalStateException} skips it. */
    @Fallback(fallbackMethod = {"onlyIo", "anything"})
    public String parse(String text, Exception failure) throws Exception {
        throw failure;
    }

    String onlyIo(String text, Exception original, IOException failure) {
        return "io fallback: " + failure.getMessage();
    }

    String anything(String text, Exception original, Throwable failure) {
        return "any fallback: " + failure.getMessage();
    }

    @Fallback(fallbackMethod = "zero")
    public int count(String what) {
        throw new IllegalStateException("no counter for " + what);
    }

    int zero(String what) {
        return 0;
    }
}
