package dev.steadfast.redis;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The names of everything the backend writes, all under one prefix ({@code steadfast:{<application>}:} by default),
 * so that several applications share one Redis and one {@code SCAN steadfast:*} finds all of Steadfast's keys. The
 * braces are a Redis Cluster hash tag: every key of one application maps to one slot, as a multi-key script needs.
 * A name (limiter, breaker) is used as is; a window or generation number is always the last part, so keys of
 * different names never collide.
 */
final class Keys {

    private final String prefix;
    private final String member;
    private final AtomicLong operations = new AtomicLong();

    Keys(String prefix, String member) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.member = Objects.requireNonNull(member, "member");
    }

    /** The default prefix of {@code application}. */
    static String defaultPrefix(String application) {
        return "steadfast:{" + application + "}:";
    }

    String prefix() {
        return prefix;
    }

    /** Permits granted so far in one {@code FIXED} window of a limiter: an integer. */
    String quota(String limiter, long window) {
        return prefix + "quota:" + limiter + ":" + window;
    }

    /** A {@code SMOOTH} limiter's bucket: its theoretical arrival time, epoch microseconds. */
    String bucket(String limiter) {
        return prefix + "bucket:" + limiter;
    }

    /** A breaker's fleet state: a hash of {@code gen} (its generation) and {@code line} (its {@code Wire} text). */
    String breaker(String breaker) {
        return prefix + "breaker:" + breaker;
    }

    /** The half-open trials of one OPEN of a breaker: a hash of {@code inflight} and {@code successes}. */
    String trials(String breaker, long generation) {
        return prefix + "trials:" + breaker + ":" + generation;
    }

    /** The live members: a sorted set of member ids scored by when each announcement expires (server time, ms). */
    String members() {
        return prefix + "members";
    }

    /**
     * A fresh key marking one operation of this member as applied, so that a command the client sends again after a
     * reconnect changes nothing twice (a release, a finished trial).
     */
    String operation() {
        return prefix + "op:" + member + ":" + operations.incrementAndGet();
    }

    /** The channel every member publishes to and subscribes to: summaries and fleet transitions. */
    String channel() {
        return prefix + "events";
    }
}
