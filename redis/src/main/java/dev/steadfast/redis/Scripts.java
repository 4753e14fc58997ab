package dev.steadfast.redis;

import io.lettuce.core.ScriptOutputType;

/**
 * The Lua scripts of the backend: each restates, atomically on the server, the reference arithmetic of the cluster SPI
 * ({@code QuotaRules}, {@code FleetStates}) and writes nothing without a TTL. Numbers stay below 2^53 (epoch
 * microseconds, wall-clock milliseconds), so Lua's doubles hold them exactly; they are written with
 * {@code %.0f}, which prints every such integer in full.
 */
final class Scripts {

    private Scripts() {
    }

    /**
     * {@code QuotaRules.lease}. KEYS: the window's quota key. ARGV: wanted, limit, TTL in ms. Stores the new total when
     * it grants something or the key is new. Returns {granted, remaining}.
     */
    static final LuaScript LEASE = new LuaScript("lease", ScriptOutputType.MULTI, """
            local raw = redis.call('GET', KEYS[1])
            local granted = tonumber(raw or '0')
            local left = math.max(0, tonumber(ARGV[2]) - granted)
            local grant = math.max(0, math.min(tonumber(ARGV[1]), left))
            if grant > 0 or not raw then
              redis.call('SET', KEYS[1], string.format('%.0f', granted + grant), 'PX', ARGV[3])
            end
            return {grant, left - grant}
            """);

    /**
     * {@code QuotaRules.release}, once per operation key. KEYS: the window's quota key, the operation key. ARGV:
     * permits, TTL in ms, operation key TTL in ms. An expired window stays expired. Returns 1 when applied, 0 for a
     * repeated command.
     */
    static final LuaScript RELEASE = new LuaScript("release", ScriptOutputType.INTEGER, """
            if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
              return 0
            end
            local raw = redis.call('GET', KEYS[1])
            if raw then
              local left = math.max(0, tonumber(raw) - math.max(0, tonumber(ARGV[1])))
              redis.call('SET', KEYS[1], string.format('%.0f', left), 'PX', ARGV[2])
            end
            return 1
            """);

    /**
     * {@code QuotaRules.take}: the generic cell rate algorithm with held tokens charged at the end of their hold.
     * KEYS: the bucket key. ARGV: wanted, capacity, interval us, hold us, now (epoch us). Stores the new TAT, with a
     * TTL until the bucket is full again plus one window, only when it grants. Returns {granted, remaining}.
     */
    static final LuaScript TAKE = new LuaScript("take", ScriptOutputType.MULTI, """
            local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
            local wanted = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local interval = tonumber(ARGV[3])
            local now = tonumber(ARGV[5])
            local base = math.max(tat, now + tonumber(ARGV[4]))
            local span = now + capacity * interval - base
            local available = 0
            if span > 0 then
              available = math.floor(span / interval)
              if available * interval > span then
                available = available - 1
              end
              available = math.min(capacity, available)
            end
            local grant = math.max(0, math.min(wanted, available))
            if grant > 0 then
              local newTat = base + grant * interval
              local ttl = math.max(0, newTat - now) + capacity * interval
              local ttlMillis = string.format('%.0f', math.ceil(ttl / 1000))
              redis.call('SET', KEYS[1], string.format('%.0f', newTat), 'PX', ttlMillis)
            end
            return {grant, available - grant}
            """);

    /**
     * {@code FleetStates.accept}, then {@code PUBLISH} of the winner. KEYS: the breaker key. ARGV: expected generation
     * (-1: any), proposed generation, the proposal's Wire line before and after its generation field, TTL in ms, the
     * channel. Returns the Wire line stored afterwards (the proposal's, with its generation raised when the store
     * raised it, or the one that was there).
     */
    static final LuaScript PROPOSE = new LuaScript("propose", ScriptOutputType.VALUE, """
            local stored = redis.call('HMGET', KEYS[1], 'gen', 'line')
            local expected = tonumber(ARGV[1])
            if not stored[1] or not stored[2] or expected == -1 or tonumber(stored[1]) == expected then
              local floor = 1
              if stored[1] then
                floor = tonumber(stored[1]) + 1
              end
              local gen = string.format('%.0f', math.max(tonumber(ARGV[2]), floor))
              local line = ARGV[3] .. gen .. ARGV[4]
              redis.call('HSET', KEYS[1], 'gen', gen, 'line', line)
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              redis.call('PUBLISH', ARGV[6], line)
              return line
            end
            return stored[2]
            """);

    /**
     * {@code FleetStates.claim}. KEYS: the trials key. ARGV: max, TTL in ms. Returns 1 when the slot is the caller's.
     */
    static final LuaScript CLAIM = new LuaScript("claim", ScriptOutputType.INTEGER, """
            local inflight = tonumber(redis.call('HGET', KEYS[1], 'inflight') or '0')
            if inflight < tonumber(ARGV[1]) then
              redis.call('HSET', KEYS[1], 'inflight', string.format('%.0f', inflight + 1))
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """);

    /**
     * {@code FleetStates.finish}, once per operation key. KEYS: the trials key, the operation key. ARGV: 1 for a
     * success else 0, TTL in ms, operation key TTL in ms. Returns the successes so far.
     */
    static final LuaScript FINISH = new LuaScript("finish", ScriptOutputType.INTEGER, """
            local successes = tonumber(redis.call('HGET', KEYS[1], 'successes') or '0')
            if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
              return successes
            end
            local inflight = math.max(0, tonumber(redis.call('HGET', KEYS[1], 'inflight') or '0') - 1)
            successes = successes + tonumber(ARGV[1])
            redis.call('HSET', KEYS[1], 'inflight', string.format('%.0f', inflight),
                'successes', string.format('%.0f', successes))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return successes
            """);

    /**
     * A membership heartbeat on the server's clock. KEYS: the members key. ARGV: the member id, TTL in ms. Scores the
     * member by its expiry, drops the expired, keeps the set for the longest TTL asked, returns the live members.
     */
    static final LuaScript HEARTBEAT = new LuaScript("heartbeat", ScriptOutputType.MULTI, """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ttl = tonumber(ARGV[2])
            redis.call('ZADD', KEYS[1], string.format('%.0f', now + ttl), ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now))
            if redis.call('PTTL', KEYS[1]) < ttl then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return redis.call('ZRANGE', KEYS[1], 0, -1)
            """);
}
