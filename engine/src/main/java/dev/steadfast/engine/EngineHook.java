package dev.steadfast.engine;

import dev.steadfast.engine.time.TimeSource;

/**
 * Internal seam for test support (the {@code steadfast-junit5} extension): lets a test framework give the engines
 * created on its thread another clock and timer, and keep track of them to reset their state between tests.
 *
 * <p>{@link Engine#create} asks {@link EngineHooks#current()} once, when the engine is created at container start;
 * the chains built afterwards use what it returned, so a call never consults the hook. Without a hook an engine is
 * exactly what it is in production.
 */
public interface EngineHook {

    /**
     * The clock and timer the new engine uses instead of the real ones, or {@code null} to keep the real ones. Asked
     * once per engine, before it exists.
     */
    TimeSource time();

    /** An engine was created under this hook; it is {@linkplain Engine#reset() fully resettable}. */
    void created(Engine engine);

    /** That engine was closed (its container shut down). Called at most once per engine. */
    void closed(Engine engine);
}
