package dev.steadfast.guard.app;

import dev.steadfast.guard.AsyncGuard;
import dev.steadfast.guard.Guard;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application without a container that uses programmatic guards the way a WAR would: loaded by a class loader of
 * its own (the test's throwaway loader), which is also the thread's context class loader while it runs. It leaves
 * behind what an application leaves behind: an inheritable thread local holding one of its objects, breakers whose
 * policies name its exception type, work done on Steadfast's timer and executor threads.
 */
public class GuardedApplication implements Callable<String> {

    /** Set on the calling thread, as a request-scoped framework would: a thread Steadfast starts must not copy it. */
    private static final InheritableThreadLocal<Object> REQUEST = new InheritableThreadLocal<>();

    @Override
    public String call() throws Exception {
        REQUEST.set(new AppFailure("request state"));
        try {
            Guard<String> timed = Guard.<String>builder("leak-timed-" + System.identityHashCode(this))
                    .timeout(Duration.ofSeconds(5))
                    .circuitBreaker(b -> b.failOn(AppFailure.class))
                    .build();
            String sync = timed.call(() -> "sync");

            AtomicInteger attempts = new AtomicInteger();
            AsyncGuard<String> async = Guard.<String>builder("leak-async-" + System.identityHashCode(this))
                    .asynchronous()
                    .timeout(Duration.ofSeconds(5))
                    .retry(r -> r.maxRetries(1).delay(Duration.ofMillis(5)))
                    .circuitBreaker(b -> b.failOn(AppFailure.class))
                    .buildAsync();
            String later = async.call(() -> attempts.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new AppFailure("first attempt"))
                    : CompletableFuture.completedFuture("async")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return sync + " " + later + " after " + attempts.get() + " attempts";
        } finally {
            REQUEST.remove();
        }
    }
}
