package dev.steadfast.engine;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for passing failures through code that declares {@code throws Exception}. */
public final class Failures {

    private Failures() {
    }

    /** Throws any throwable, checked or not, without wrapping it. */
    @SuppressWarnings("unchecked")
    public static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** The failure a stage completed with, without the {@link CompletionException} wrapper the JDK adds. */
    public static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
