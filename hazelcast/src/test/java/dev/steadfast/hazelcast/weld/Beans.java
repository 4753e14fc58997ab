package dev.steadfast.hazelcast.weld;

import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.RateLimit;
import dev.steadfast.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The beans of the fleet's application, and one {@code HazelcastInstance} producer per member. */
final class Beans {

    /** The grid's members, set by the test before the containers start; producer {@code i} gives member {@code i}. */
    static volatile List<HazelcastInstance> grid;

    private Beans() {
    }

    @ApplicationScoped
    public static class Partner {
        @RateLimit(name = "weld-partner", value = 30, window = 1, windowUnit = ChronoUnit.HOURS,
                scope = Scope.CLUSTER)
        public String call() {
            return "call";
        }
    }

    @ApplicationScoped
    public static class Payments {
        @CircuitBreaker(name = "weld-payments", scope = Scope.CLUSTER, requestVolumeThreshold = 10,
                failureRatio = 0.5, delay = 60_000)
        public String charge(boolean fail) throws IOException {
            if (fail) {
                throw new IOException("declined");
            }
            return "charged";
        }
    }

    /** Keeps every {@link CircuitStateChanged} of its container. */
    @ApplicationScoped
    public static class Events {
        private final List<CircuitStateChanged> seen = new CopyOnWriteArrayList<>();

        void on(@Observes CircuitStateChanged e) {
            seen.add(e);
        }

        List<CircuitStateChanged> seen() {
            return List.copyOf(seen);
        }
    }

    public static class Grid0 {
        @Produces
        HazelcastInstance hazelcast() {
            return grid.get(0);
        }
    }

    public static class Grid1 {
        @Produces
        HazelcastInstance hazelcast() {
            return grid.get(1);
        }
    }

    public static class Grid2 {
        @Produces
        HazelcastInstance hazelcast() {
            return grid.get(2);
        }
    }
}
