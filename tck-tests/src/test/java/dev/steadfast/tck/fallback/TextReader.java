package dev.steadfast.tck.fallback;

import dev.steadfast.Fallback;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.FileNotFoundException;
import java.io.IOException;

/** Falls back on I/O failures, except a missing file. */
@ApplicationScoped
public class TextReader {

    @Fallback(fallbackMethod = "empty", applyOn = IOException.class, skipOn = FileNotFoundException.class)
    public String read(Exception failure) throws Exception {
        throw failure;
    }

    /** skipOn alone: every failure but an {@code IllegalArgumentException}. */
    @Fallback(fallbackMethod = "empty", skipOn = IllegalArgumentException.class)
    public String readLenient(Exception failure) throws Exception {
        throw failure;
    }

    String empty(Exception failure) {
        return "";
    }
}
