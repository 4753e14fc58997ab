package dev.steadfast.tck.async;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** One instance per request context; tells the {@link Tracker} when its request ends. */
@RequestScoped
public class RequestInfo {

    private final String id = UUID.randomUUID().toString();

    @Inject
    Tracker tracker;

    public String id() {
        return id;
    }

    @PreDestroy
    void ended() {
        tracker.destroyed(id);
    }
}
