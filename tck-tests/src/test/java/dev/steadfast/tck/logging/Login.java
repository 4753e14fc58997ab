package dev.steadfast.tck.logging;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** A dependency that always refuses, with a secret in its failure's message. */
@ApplicationScoped
public class Login {

    static final String SECRET = "password=hunter2";

    @Retry(maxRetries = 2)
    public String login(String user) throws IOException {
        throw new IOException("login refused for " + user + " with " + SECRET);
    }
}
