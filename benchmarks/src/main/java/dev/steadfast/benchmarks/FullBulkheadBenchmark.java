package dev.steadfast.benchmarks;

import dev.failsafe.BulkheadFullException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.steadfast.guard.Guard;
import io.github.resilience4j.bulkhead.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import java.util.concurrent.Callable;

/**
 * The failing path: the cost of a call rejected by a full bulkhead (size 1, held for the whole run by an
 * {@link Occupant} thread parked inside it; no waiting allowed), including creating and catching the rejection.
 */
public class FullBulkheadBenchmark extends RejectionBenchmark {

    private static final String NAME = "full-bulkhead";

    @Override
    protected Callable<String> guard(Library library) {
        return switch (library) {
            case STEADFAST -> {
                Guard<String> guard = SteadfastPolicies.bulkhead(NAME, 1);
                closeAtTearDown(new Occupant(library.label(), guard::call));
                yield steadfast(guard);
            }
            case RESILIENCE4J -> {
                Bulkhead bulkhead = Resilience4jPolicies.bulkhead(NAME, 1);
                closeAtTearDown(new Occupant(library.label(),
                        body -> Bulkhead.decorateCallable(bulkhead, body).call()));
                yield Bulkhead.decorateCallable(bulkhead, Work.CALL);
            }
            case SMALLRYE -> {
                io.smallrye.faulttolerance.api.Guard guard = SmallRyePolicies.bulkhead(
                        io.smallrye.faulttolerance.api.Guard.create(), 1).build();
                closeAtTearDown(new Occupant(library.label(), body -> guard.call(body, String.class)));
                yield smallrye(guard);
            }
            case FAILSAFE -> {
                FailsafeExecutor<String> executor = Failsafe.with(FailsafePolicies.bulkhead(1));
                closeAtTearDown(new Occupant(library.label(), body -> executor.get(body::call)));
                yield failsafe(executor);
            }
        };
    }

    @Override
    protected Class<? extends Exception> rejection(Library library) {
        return switch (library) {
            case STEADFAST -> dev.steadfast.BulkheadFullException.class;
            case RESILIENCE4J -> io.github.resilience4j.bulkhead.BulkheadFullException.class;
            case SMALLRYE -> BulkheadException.class;
            case FAILSAFE -> BulkheadFullException.class;
        };
    }
}
