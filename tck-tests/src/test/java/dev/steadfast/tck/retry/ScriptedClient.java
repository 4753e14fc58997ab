package dev.steadfast.tck.retry;

import dev.steadfast.Retry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Answers from a script, one answer per call; the last answer repeats once the script runs out. */
@ApplicationScoped
public class ScriptedClient {

    private final ConcurrentLinkedQueue<Object> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Object last;

    public void answer(Object... answers) {
        script.clear();
        script.addAll(List.of(answers));
        calls.set(0);
    }

    public int calls() {
        return calls.get();
    }

    @Retry(maxRetries = 2, retryOnResult = IsServiceUnavailable.class)
    public HttpResponse get() {
        return (HttpResponse) next();
    }

    @Retry(maxRetries = 3, retryOnResult = RejectedAnswers.class)
    public String ask() {
        return (String) next();
    }

    private Object next() {
        calls.incrementAndGet();
        Object a = script.poll();
        if (a == null) {
            return last;
        }
        last = a;
        return a;
    }
}
