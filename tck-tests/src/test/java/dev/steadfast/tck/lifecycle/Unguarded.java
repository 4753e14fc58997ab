package dev.steadfast.tck.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

/** A bean without any Steadfast annotation. */
@ApplicationScoped
public class Unguarded {

    public String call() {
        return "plain";
    }
}
