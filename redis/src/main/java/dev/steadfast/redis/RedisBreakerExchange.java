package dev.steadfast.redis;

import dev.steadfast.spi.cluster.BreakerExchange;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.TrialOutcome;
import dev.steadfast.spi.cluster.Wire;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Fleet-wide breakers on Redis: summaries {@code PUBLISH}ed on the application's channel, fleet states in a hash per
 * breaker changed (and published) by one script, trial slots in a hash per breaker and OPEN. Thread-safe.
 */
final class RedisBreakerExchange implements BreakerExchange {

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;

    RedisBreakerExchange(RedisAsyncCommands<String, String> redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public CompletionStage<Void> publish(BreakerSummary summary) {
        return redis.publish(keys.channel(), Wire.encode(summary)).thenApply(receivers -> null);
    }

    @Override
    public CompletionStage<FleetState> propose(FleetState proposal, long expectedGeneration, Duration ttl) {
        // The script writes the generation it decides into the line: the line is cut around that field (the fourth;
        // the name before it is escaped, so it holds no separator).
        String line = Wire.encode(proposal);
        int start = nth(line, '|', 3) + 1;
        int end = line.indexOf('|', start);
        return Scripts.PROPOSE.<String>run(redis, new String[] {keys.breaker(proposal.breaker())},
                Long.toString(expectedGeneration), Long.toString(proposal.generation()), line.substring(0, start),
                line.substring(end), RedisQuotaStore.millis(ttl), keys.channel())
                .thenApply(stored -> (FleetState) Wire.decode(stored));
    }

    @Override
    public CompletionStage<Optional<FleetState>> read(String breaker) {
        return redis.hget(keys.breaker(breaker), "line")
                .thenApply(line -> line == null ? Optional.empty() : Optional.of((FleetState) Wire.decode(line)));
    }

    @Override
    public CompletionStage<Boolean> claimTrial(String breaker, long generation, int max, Duration ttl) {
        return Scripts.CLAIM.<Long>run(redis, new String[] {keys.trials(breaker, generation)}, Integer.toString(max),
                RedisQuotaStore.millis(ttl)).thenApply(granted -> granted == 1L);
    }

    @Override
    public CompletionStage<Integer> finishTrial(String breaker, long generation, TrialOutcome outcome,
            Duration ttl) {
        return Scripts.FINISH.<Long>run(redis, new String[] {keys.trials(breaker, generation), keys.operation()},
                outcome == TrialOutcome.SUCCEEDED ? "1" : "0", RedisQuotaStore.millis(ttl),
                RedisQuotaStore.OPERATION_TTL_MS).thenApply(Math::toIntExact);
    }

    private static int nth(String s, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(c, at + 1);
        }
        return at;
    }
}
