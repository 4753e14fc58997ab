package dev.steadfast.engine;

/**
 * One fault-tolerance concern wrapped around the next one. One instance serves every call of its guarded method, so
 * implementations are thread-safe. For a method returning a {@code CompletionStage}, {@code V} is that stage type
 * and the strategy works on the stage instead of blocking.
 *
 * @param <V> the result type of the guarded call
 */
@FunctionalInterface
public interface Strategy<V> {

    /** Runs the invocation through this concern and the ones inside it. */
    V call(Invocation<V> invocation) throws Exception;
}
