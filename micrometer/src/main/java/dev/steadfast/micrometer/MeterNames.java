package dev.steadfast.micrometer;

/** The names and tag keys of the meters {@link MicrometerGuardObserver} registers. */
public final class MeterNames {

    /** Counter: calls by {@code method} and {@code outcome}. */
    public static final String CALLS = "steadfast.calls";
    /** Timer with histogram buckets from 5 ms to 10 s: call duration by {@code method} and {@code outcome}. */
    public static final String CALL_DURATION = "steadfast.call.duration";
    /** Counter: retries scheduled, by {@code method}. */
    public static final String RETRIES = "steadfast.retries";
    /** Counter: calls whose retries ran out, by {@code method}. */
    public static final String RETRIES_EXHAUSTED = "steadfast.retries.exhausted";
    /** Counter: retries a retry budget refused (each ended its call), by {@code method} and {@code budget}. */
    public static final String RETRIES_REFUSED = "steadfast.retries.refused";
    /**
     * Counter: degraded answers (a fallback answered), by {@code method} and {@code fallback}, the fallback of the chain
     * that answered (its method's name, its handler's class or a guard's handler name: as many values as the chain
     * has fallbacks).
     */
    public static final String FALLBACKS = "steadfast.fallbacks";
    /** Gauge: the bulkhead's limit (moving, for an adaptive bulkhead), by {@code method}. */
    public static final String BULKHEAD_LIMIT = "steadfast.bulkhead.limit";
    /** Gauge: keys of a keyed breaker in each {@code state}, by {@code breaker}. */
    public static final String BREAKER_KEYS = "steadfast.circuitbreaker.keys";
    /** Function counter: CLOSED keys a keyed breaker evicted, by {@code breaker}. */
    public static final String BREAKER_KEYS_EVICTED = "steadfast.circuitbreaker.keys.evicted";
    /**
     * Counter: state transitions of a keyed breaker's keys, by {@code breaker}, {@code key} (the key's text for the
     * keys most in trouble, at most 10 at a time and 40 ever, else {@code other}), {@code from} and {@code to}.
     */
    public static final String BREAKER_KEY_TRANSITIONS = "steadfast.circuitbreaker.key.transitions";

    /** Counter: attempts that exceeded their timeout, by {@code method}. */
    public static final String TIMEOUTS = "steadfast.timeouts";
    /** Counter: attempts rejected without running, by {@code method} and {@code reason}. */
    public static final String REJECTED = "steadfast.calls.rejected";
    /** Gauge: calls holding a bulkhead permit, by {@code method}. */
    public static final String BULKHEAD_IN_USE = "steadfast.bulkhead.in.use";
    /** Gauge: calls waiting for a bulkhead permit, by {@code method}. */
    public static final String BULKHEAD_QUEUED = "steadfast.bulkhead.queued";
    /** Gauge: 1 for the breaker's current {@code state}, 0 for the others, by {@code breaker}. */
    public static final String BREAKER_STATE = "steadfast.circuitbreaker.state";
    /** Counter: state transitions, by {@code breaker}, {@code from} and {@code to}. */
    public static final String BREAKER_TRANSITIONS = "steadfast.circuitbreaker.transitions";
    /** Function counter (seconds): time spent open or forced open, by {@code breaker}. */
    public static final String BREAKER_OPEN_TIME = "steadfast.circuitbreaker.open.time";

    public static final String METHOD = "method";
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";
    public static final String BREAKER = "breaker";
    public static final String STATE = "state";
    public static final String FROM = "from";
    public static final String TO = "to";
    /** Who decided a transition: {@code local}, or the fleet member's id (a {@code CLUSTER} breaker). */
    public static final String ORIGIN = "origin";
    public static final String BUDGET = "budget";
    public static final String KEY = "key";
    public static final String FALLBACK = "fallback";

    private MeterNames() {
    }
}
