package dev.steadfast.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.FleetStates;
import dev.steadfast.spi.cluster.FleetStates.Trials;
import dev.steadfast.spi.cluster.Grant;
import dev.steadfast.spi.cluster.QuotaRules;
import dev.steadfast.spi.cluster.TrialOutcome;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The entry processors of the backend: each applies the SPI's reference arithmetic ({@link QuotaRules},
 * {@link FleetStates}) to one map entry, as one step on the partition owner (Hazelcast runs the processors of one
 * partition one at a time), and stores the result with its TTL. The backup replicas run the same processor on the same
 * value: the arithmetic is deterministic, so they end with the same entry.
 *
 * <p>They travel to the partition owner by Java serialization, so every Hazelcast member must be able to load this
 * class and the SPI's value types: automatic when the application embeds the member, see the module's README for
 * client connections.
 */
final class Processors {

    private Processors() {
    }

    @SuppressWarnings("unchecked")
    private static <V> void store(Map.Entry<String, V> entry, V value, long ttlMillis) {
        // Never store without a TTL: an entry without one would outlive every member that knew what it meant.
        ((ExtendedMapEntry<String, V>) entry).setValue(value, Math.max(1, ttlMillis), TimeUnit.MILLISECONDS);
    }

    /** {@code FIXED}: grant up to {@code wanted} permits of one window, never beyond {@code limit}. */
    record Lease(int wanted, int limit, long ttlMillis) implements EntryProcessor<String, Long, Grant> {
        @Override
        public Grant process(Map.Entry<String, Long> entry) {
            long granted = entry.getValue() == null ? 0 : entry.getValue();
            Grant g = QuotaRules.lease(granted, wanted, limit);
            if (g.granted() > 0) {
                store(entry, granted + g.granted(), ttlMillis);
            }
            return g;
        }
    }

    /** {@code FIXED}: give permits back to one window; a window whose entry expired stays absent. */
    record Release(int permits, long ttlMillis) implements EntryProcessor<String, Long, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Long> entry) {
            if (entry.getValue() == null) {
                return Boolean.FALSE;
            }
            store(entry, QuotaRules.release(entry.getValue(), permits), ttlMillis);
            return Boolean.TRUE;
        }
    }

    /** {@code SMOOTH}: take tokens from the fleet's bucket at the asking member's time. */
    record Take(int wanted, Bucket bucket, long nowMicros) implements EntryProcessor<String, Long, Grant> {
        @Override
        public Grant process(Map.Entry<String, Long> entry) {
            long tat = entry.getValue() == null ? 0 : entry.getValue();
            QuotaRules.Take t = QuotaRules.take(tat, nowMicros, wanted, bucket);
            if (t.grant().granted() > 0) {
                store(entry, t.tat(), TimeUnit.MICROSECONDS.toMillis(t.ttlMicros()) + 1);
            }
            return t.grant();
        }
    }

    /** A breaker's fleet state: compare-and-set against the generation the proposer believes stored. */
    record Propose(FleetState proposal, long expectedGeneration, long ttlMillis)
            implements EntryProcessor<String, FleetState, FleetState> {
        @Override
        public FleetState process(Map.Entry<String, FleetState> entry) {
            FleetState stored = entry.getValue();
            FleetState after = FleetStates.accept(stored, expectedGeneration, proposal);
            if (after != stored) {
                store(entry, after, ttlMillis);
            }
            return after;
        }
    }

    /** A half-open trial slot of one generation, if fewer than {@code max} are in flight. */
    record Claim(int max, long ttlMillis) implements EntryProcessor<String, Trials, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, Trials> entry) {
            Trials after = FleetStates.claim(entry.getValue(), max);
            if (after == null) {
                return Boolean.FALSE;
            }
            store(entry, after, ttlMillis);
            return Boolean.TRUE;
        }
    }

    /** Ends a claimed trial slot; answers the successes of the generation so far. */
    record Finish(TrialOutcome outcome, long ttlMillis) implements EntryProcessor<String, Trials, Integer> {
        @Override
        public Integer process(Map.Entry<String, Trials> entry) {
            Trials after = FleetStates.finish(entry.getValue(), outcome);
            store(entry, after, ttlMillis);
            return after.successes();
        }
    }
}
