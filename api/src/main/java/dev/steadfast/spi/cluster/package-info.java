/**
 * The cluster SPI: what a backend module (Hazelcast, Redis) implements so that {@link dev.steadfast.Scope#CLUSTER
 * CLUSTER} rate limits and circuit breakers hold for a whole fleet of application instances. The engine does the rest:
 * it decides every call locally, exchanges with the backend on its own thread, and falls back to local decisions
 * within a second when the backend is lost. {@code docs/cluster.md} states the semantics; this package states what a
 * backend must do.
 *
 * <h2>What a backend implements</h2>
 * <ol>
 * <li>{@link dev.steadfast.spi.cluster.ClusterBackendProvider}, listed in
 *     {@code META-INF/services/dev.steadfast.spi.cluster.ClusterBackendProvider}: its name and {@code open}.</li>
 * <li>{@link dev.steadfast.spi.cluster.ClusterBackend}: the connection, with a {@code ping} and a {@code close}.</li>
 * <li>{@link dev.steadfast.spi.cluster.QuotaStore}: leases of {@code FIXED} windows and takes from a
 *     {@code SMOOTH} bucket, each atomic on the server, arithmetic as {@link dev.steadfast.spi.cluster.QuotaRules}
 *     states it.</li>
 * <li>{@link dev.steadfast.spi.cluster.BreakerExchange}: a broadcast channel for summaries and transitions, an atomic
 *     compare-and-set of each breaker's fleet state, atomic trial claims, arithmetic as
 *     {@link dev.steadfast.spi.cluster.FleetStates} states it.</li>
 * <li>{@link dev.steadfast.spi.cluster.Membership}: heartbeats with a TTL.</li>
 * <li>Deliver what it hears to {@link dev.steadfast.spi.cluster.ClusterContext#listener()}.</li>
 * </ol>
 *
 * <h2>How the two backends map onto it</h2>
 * <table>
 * <caption>Hazelcast 5.x and Redis 7 (Lettuce 7.x)</caption>
 * <tr><th>SPI</th><th>Hazelcast</th><th>Redis</th></tr>
 * <tr><td>atomic read-modify-write (leases, takes, fleet states, trial claims)</td>
 *     <td>{@code IMap.submitToKey(key, EntryProcessor)} (a {@code CompletionStage}), run on the partition owner</td>
 *     <td>one Lua script per operation ({@code EVALSHA} on Lettuce's async API, a {@code RedisFuture})</td></tr>
 * <tr><td>TTL on everything written</td>
 *     <td>{@code ExtendedMapEntry.setValue(value, ttl, unit)} inside the entry processor</td>
 *     <td>{@code PEXPIRE} in the same script</td></tr>
 * <tr><td>broadcast (summaries, transitions)</td>
 *     <td>an {@code ITopic} (or reliable topic) per application, a message listener</td>
 *     <td>{@code PUBLISH} on a channel per application, a pub/sub connection</td></tr>
 * <tr><td>membership</td>
 *     <td>an {@code IMap} entry per member with a TTL; membership events may push changes early</td>
 *     <td>members announce themselves with expiring keys (or a sorted set scored by expiry)</td></tr>
 * <tr><td>connection health</td>
 *     <td>lifecycle and client connection events, a cheap read as {@code ping}</td>
 *     <td>Lettuce connection events, {@code PING}</td></tr>
 * </table>
 *
 * <h2>Rules for every implementation</h2>
 * <ul>
 * <li>No operation blocks its caller; every one returns a {@link java.util.concurrent.CompletionStage} and fails by
 *     completing exceptionally.</li>
 * <li>Keys, maps and channels carry the {@linkplain dev.steadfast.spi.cluster.ClusterContext#application()
 *     application's} prefix; nothing is written without a TTL.</li>
 * <li>A backend never runs application code and never calls back into a guarded method; its threads only complete
 *     stages and call the listener, which returns at once.</li>
 * <li>The value types ({@link dev.steadfast.spi.cluster.FleetState}, {@link dev.steadfast.spi.cluster.Grant}, ...)
 *     are {@link java.io.Serializable}, so an entry processor may carry them; {@link dev.steadfast.spi.cluster.Wire}
 *     is their text form.</li>
 * <li>Time: {@code FIXED} windows are numbered by the members' clocks; a {@code SMOOTH} take uses the asking
 *     member's time. A backend needs no clock of its own except for its TTLs.</li>
 * </ul>
 */
package dev.steadfast.spi.cluster;
