package dev.steadfast.junit5;

import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineHook;
import dev.steadfast.engine.time.TimeSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * What the extension keeps for one test class: its clock (none on real time) and the engines of the containers
 * started under it and still running, oldest first. It is the {@link EngineHook} installed while the class runs.
 */
final class Session implements EngineHook {

    private final TestClock clock;
    private final Deque<Engine> engines = new ConcurrentLinkedDeque<>();

    Session(boolean manualTime) {
        this.clock = manualTime
                ? new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS), () -> !engines.isEmpty())
                : null;
    }

    @Override
    public TimeSource time() {
        return clock == null ? null : new TimeSource(clock.time(), clock.time().lane());
    }

    @Override
    public void created(Engine engine) {
        engines.addLast(engine);
    }

    @Override
    public void closed(Engine engine) {
        engines.remove(engine);
        if (engine.timer() instanceof VirtualTime.Lane lane) {
            lane.close();
        }
    }

    /** The clock, or {@code null} on real time. */
    TestClock clock() {
        return clock;
    }

    /**
     * The engine of the container started last and still running.
     *
     * @throws IllegalStateException naming {@code what} when there is none
     */
    Engine engine(String what) {
        Engine e = engines.peekLast();
        if (e == null) {
            throw new IllegalStateException(what + ": no Steadfast container is running under @WithFaultTolerance. "
                    + FaultToleranceTestExtension.NO_ENGINE_HINT);
        }
        return e;
    }

    /** A test starts: its clock counts from now, and every container's state is fresh. */
    void startTest() {
        if (clock != null) {
            clock.startTest();
        }
        reset();
    }

    /** Every breaker of every running container CLOSED and cleared, every bulkhead and rate limit fresh. */
    void reset() {
        engines.forEach(Engine::reset);
    }

    int running() {
        return engines.size();
    }

    @Override
    public String toString() {
        return (clock == null ? "real time" : clock.toString()) + ", " + engines.size() + " container(s)";
    }
}
