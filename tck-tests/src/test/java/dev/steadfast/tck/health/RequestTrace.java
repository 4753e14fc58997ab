package dev.steadfast.tck.health;

import jakarta.enterprise.context.RequestScoped;

/** A request-scoped bean: usable only where a request context is active. */
@RequestScoped
public class RequestTrace {

    public void touch() {
    }
}
