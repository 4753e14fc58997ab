package dev.steadfast.tck.support;

import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineHook;
import dev.steadfast.engine.EngineHooks;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.TimeSource;

import java.util.Map;

/**
 * A manual clock for the engine of a container started through it: timeouts, schedules and delays happen when the
 * test advances {@link #clock}, on the advancing thread. Through the engine hook, as {@code steadfast-junit5} does.
 */
public final class ManualTime implements EngineHook {

    public final ManualClock clock = new ManualClock();
    private final TimeSource time = TimeSource.manual(clock);

    @Override
    public TimeSource time() {
        return time;
    }

    @Override
    public void created(Engine engine) {
    }

    @Override
    public void closed(Engine engine) {
    }

    /** A {@link TestContainer} whose engine runs on this clock. */
    public TestContainer start(Map<String, String> properties, Class<?>... beans) {
        try (EngineHooks.Installation ignored = EngineHooks.install(this)) {
            return TestContainer.start(properties, beans);
        }
    }
}
