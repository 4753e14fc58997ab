package dev.steadfast.spi.cluster;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The fleet's rate-limit quotas. Members never ask per call: they lease permits in chunks, ahead of need, and admit
 * from what they hold; so every operation here is atomic on the server and none is on a caller's path. The general
 * contract of {@link ClusterBackend} applies (non-blocking, thread-safe, fails by completing exceptionally).
 *
 * <h2>Keys</h2>
 * A limiter is identified by its name (the fleet-wide identity of a {@code @RateLimit(name = ..., scope = CLUSTER)});
 * a backend stores one entry per limiter and window ({@code FIXED}) or per limiter ({@code SMOOTH}), under its
 * application prefix. Windows are numbered by the members from their clocks ({@code floor(epoch time / window)}), so
 * the backend never needs a clock of its own for {@code FIXED}.
 *
 * <h2>How each backend maps onto it</h2>
 * <ul>
 * <li>Hazelcast: an {@code IMap<String, ...>}; each operation is an {@code EntryProcessor} run with
 *     {@code submitToKey} on the partition owner, applying {@link QuotaRules} and storing with
 *     {@code ExtendedMapEntry.setValue(value, ttl, unit)}.</li>
 * <li>Redis: one Lua script per operation ({@code EVALSHA}, through Lettuce's asynchronous API whose
 *     {@code RedisFuture} is a {@code CompletionStage}) applying the same arithmetic and ending with
 *     {@code PEXPIRE}.</li>
 * </ul>
 */
public interface QuotaStore {

    /**
     * {@code FIXED}: atomically grants up to {@code wanted} permits of window {@code window} of {@code limiter}, so
     * that the window's total granted to all members never exceeds {@code limit}, and sets the entry's TTL to
     * {@code ttl} (the rest of the window plus a margin). See {@link QuotaRules#lease}.
     *
     * @param window the window's number, {@code floor(epoch nanos / window nanos)} on the asking member's clock; a
     *               member may ask for the next window before it starts
     * @return the permits granted (0 to {@code wanted}) and how many are left to grant in that window
     */
    CompletionStage<Grant> lease(String limiter, long window, int wanted, int limit, Duration ttl);

    /**
     * {@code FIXED}: atomically gives back {@code permits} that a member leased for window {@code window} and will not
     * use (it stops, or holds more than it needs while others ran out), so that others may lease them; the window's
     * total never drops below 0. See {@link QuotaRules#release}. A release for a window whose entry has expired does
     * nothing.
     */
    CompletionStage<Void> release(String limiter, long window, int permits, Duration ttl);

    /**
     * {@code SMOOTH}: atomically takes up to {@code wanted} tokens from the fleet's token bucket of {@code limiter}, as
     * {@link QuotaRules#take} computes with the stored state (absent: 0) and the asking member's time, stores the new
     * state with the TTL the same method computes, and returns the grant. The member must spend the tokens within
     * {@link Bucket#holdMicros()} of {@code nowMicros}, or drop them; the arithmetic has already charged them to the
     * bucket so that the fleet never admits more than one bucket would (see {@code docs/cluster.md}).
     *
     * @param nowMicros the asking member's wall-clock time in epoch microseconds
     * @return the tokens granted and how many more the bucket would grant now
     */
    CompletionStage<Grant> take(String limiter, int wanted, Bucket bucket, long nowMicros);
}
