package dev.steadfast.tck.retry;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** A result predicate that is a CDI bean: the answers it rejects are set on the bean at run time. */
@ApplicationScoped
public class RejectedAnswers implements Predicate<Object> {

    private final Set<Object> rejected = ConcurrentHashMap.newKeySet();

    public void reject(Object answer) {
        rejected.add(answer);
    }

    @Override
    public boolean test(Object result) {
        return rejected.contains(result);
    }
}
