package dev.steadfast.tck.retry;

import dev.steadfast.RetryAttempted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every {@link RetryAttempted} event, to read the delays Steadfast chose without measuring time. */
@ApplicationScoped
public class RetryLog {

    private final List<RetryAttempted> events = new CopyOnWriteArrayList<>();

    void on(@Observes RetryAttempted event) {
        events.add(event);
    }

    public List<RetryAttempted> events() {
        return List.copyOf(events);
    }

    public List<Duration> delays() {
        return events.stream().map(RetryAttempted::nextDelay).toList();
    }
}
