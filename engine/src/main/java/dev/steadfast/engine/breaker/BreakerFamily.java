package dev.steadfast.engine.breaker;

import dev.steadfast.BreakerFamilyHandle;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakerStats;
import dev.steadfast.CircuitState;
import dev.steadfast.KeyedCircuitOpenException;
import dev.steadfast.StateTransition;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.spi.ObservedBreakerFamily;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;

/**
 * A keyed circuit breaker: a family of independent breakers, one per key, all with the family's {@link BreakerPolicy},
 * and the operator's {@link BreakerFamilyHandle} for them. Thread-safe; the call path is lock-free.
 *
 * <h2>Rules</h2>
 * Each key's breaker follows {@link Breaker}'s rules (CLOSED, OPEN, HALF_OPEN, FORCED_OPEN; epochs; trial calls),
 * with two differences that keep a key small: an OPEN key becomes HALF_OPEN on its next call after the delay (no timer
 * task per key), and it keeps no history beyond the transition into its current state.
 *
 * <h2>Memory</h2>
 * A key costs its map entry, one {@code KeyBreaker} (64 bytes) and its state: a CLOSED key's window is a
 * {@link KeyWindow} (48 bytes up to 64 calls). At most {@link KeyedBreakerPolicy#maxKeys()} keys are held. A CLOSED
 * key unused for the idle time is evicted by a sweep that a call starts at most every quarter of that time. A new key
 * that finds the family full first evicts the least recently used CLOSED keys (down to 90% of the maximum, so the
 * sweep's cost is shared by the tenth of the keys that follow). An OPEN, HALF_OPEN or FORCED_OPEN key is never
 * evicted; when no key may be evicted, calls of new keys share one overflow breaker.
 *
 * <h2>Why eviction never loses an OPEN key</h2>
 * Eviction is a CAS of the key's state from its CLOSED window to an EVICTED mark, then the removal of the key from the
 * map; opening is a CAS from the same window to an OPEN state. Only one of the two CASes can win. When eviction wins,
 * a call still holding the key sees the mark and looks the key up again (finding a fresh CLOSED key); the outcome of a
 * call admitted just before the eviction is dropped with the window, as the window was idle.
 *
 * <h2>Announcements</h2>
 * Every state change of a key is announced once ({@link EngineListener#keyedStateChanged}), in the order of that key's
 * changes. As in {@link Breaker}: each CAS winner queues its change, numbered by the state it made, and one thread at a
 * time drains the queue, holding back a change whose predecessor for the same key has not arrived yet.
 */
public final class BreakerFamily implements BreakerFamilyHandle, ObservedBreakerFamily {

    /** Keys shown by name in metrics at a time, and over the family's life. */
    static final int NAMED_KEYS = 10;
    static final int NAMED_KEYS_EVER = 4 * NAMED_KEYS;
    /** A permit meaning "the key was evicted meanwhile: look it up again". */
    static final long EVICTED_PERMIT = Long.MIN_VALUE;
    private static final Object EVICTED = new Object();
    private static final CircuitState[] STATES = CircuitState.values();
    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    /** The overflow breaker's key. */
    private static final Object OVERFLOW = new Object() {
        @Override
        public String toString() {
            return OTHER;
        }
    };

    private final String name;
    private final BreakerPolicy policy;
    private final KeyedBreakerPolicy keying;
    private final int size;
    private final int threshold;
    private final Clock clock;
    private final EngineListener listener;
    private final Map<Object, KeyBreaker> keys = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final LongAdder evictions = new LongAdder();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile long nextSweep;
    private volatile KeyBreaker overflow;
    /** Between lastUsed updates: a key used again sooner is not written, so hot keys do not bounce a cache line. */
    private final long touchGrain;

    // Announcements (see announce()).
    private final ConcurrentLinkedQueue<Change> unannounced = new ConcurrentLinkedQueue<>();
    private final AtomicInteger announcing = new AtomicInteger();
    private final List<Change> early = new ArrayList<>(); // drainer only
    /** Keys shown by name; replaced whole by the drainer, read by anyone. */
    private volatile Object[] named = new Object[0];
    private int everNamed; // drainer only

    public BreakerFamily(String name, BreakerPolicy policy, KeyedBreakerPolicy keying, Clock clock,
            EngineListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.keying = Objects.requireNonNull(keying, "keying");
        this.size = policy.requestVolumeThreshold();
        this.threshold = policy.failureThreshold();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        long now = clock.nanoTime();
        this.touchGrain = Math.max(1, keying.keyIdleEvictionNanos() / 64);
        this.nextSweep = now + sweepEvery();
        this.overflow = new KeyBreaker(OVERFLOW, new KeyWindow(0, size), now);
    }

    public BreakerPolicy policy() {
        return policy;
    }

    public KeyedBreakerPolicy keying() {
        return keying;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strategies

    /** Whether {@code permit}, from {@link #tryAcquire}, lets the call run. */
    public static boolean admitted(long permit) {
        return permit >= 0;
    }

    /**
     * The breaker of {@code key} for a call at {@code now}, created if the family holds none. Lock-free for a key held;
     * a new key may sweep the family first (see the class javadoc).
     */
    public KeyBreaker lookup(Object key, long now) {
        Object k = key == null ? "null" : key;
        if (now - nextSweep >= 0) {
            sweepIdle(now);
        }
        KeyBreaker b = keys.get(k);
        if (b != null) {
            if (now - b.lastUsed >= touchGrain) {
                b.lastUsed = now;
            }
            return b;
        }
        return admit(k, now);
    }

    /**
     * Asks to run one call on {@code b}. Allocation-free while CLOSED.
     *
     * @return a permit: admitted (non-negative), to be passed to exactly one of {@link #onSuccess}/{@link #onFailure};
     *         {@link #EVICTED_PERMIT} when {@code b} was evicted meanwhile (look the key up again); else a rejection
     *         for {@link #rejection}
     */
    public long tryAcquire(KeyBreaker b, long now) {
        while (true) {
            // Read once: every decision below uses this snapshot (see Breaker#tryAcquire).
            Object s = b.state;
            if (s instanceof KeyWindow w) {
                return w.seq << 1;
            }
            if (s instanceof Open o) {
                if (now - o.openedAt >= policy.delayNanos()) {
                    transition(b, o, new HalfOpen(o.seq + 1, 0, 0, o.circuit(), clock));
                    continue;
                }
                return reject(b, OPEN);
            }
            if (s instanceof HalfOpen h) {
                if (h.trials >= policy.halfOpenMaxCalls()) {
                    return reject(b, HALF_OPEN);
                }
                if (KeyBreaker.STATE.compareAndSet(b, h, h.withTrials(h.trials + 1, h.successes))) {
                    return h.seq << 1 | 1;
                }
                continue;
            }
            if (s == EVICTED) {
                return EVICTED_PERMIT;
            }
            return reject(b, FORCED_OPEN);
        }
    }

    /** The exception for a rejected permit of {@code b}, naming the family and carrying the key. */
    public KeyedCircuitOpenException rejection(KeyBreaker b, long permit, long now) {
        CircuitState state = STATES[(int) ~permit];
        Duration retryAfter = Duration.ZERO;
        if (state == OPEN && b.state instanceof Open o) {
            retryAfter = Duration.ofNanos(Math.max(0, o.openedAt + policy.delayNanos() - now));
        }
        return new KeyedCircuitOpenException(name, b.key == OVERFLOW ? OTHER : b.key, state, retryAfter);
    }

    /** The admitted call returned normally after {@code durationNanos}; slow counts as a failure. */
    public void onSuccess(KeyBreaker b, long permit, long durationNanos) {
        record(b, permit, policy.isSlow(durationNanos));
    }

    /** The admitted call failed; it counts as a failure if {@code failOn} matches and {@code skipOn} does not. */
    public void onFailure(KeyBreaker b, long permit, Throwable failure, long durationNanos) {
        record(b, permit, policy.failOn().test(failure));
    }

    /**
     * The admitted call ended without an outcome the breaker judges (the {@link dev.steadfast.engine.FailureRule} does
     * not count its failure): a CLOSED call holds nothing; a trial gives its HALF_OPEN slot back.
     */
    public void release(KeyBreaker b, long permit) {
        if ((permit & 1) == 0) {
            return;
        }
        long seq = permit >>> 1;
        // As for a trial's outcome: HALF_OPEN snapshots are replaced within their sequence, so retry the CAS on the
        // current one until it lands or the sequence (and with it the slot) is gone.
        for (Object s = b.state; s instanceof HalfOpen h && h.seq == seq; s = b.state) {
            if (KeyBreaker.STATE.compareAndSet(b, h, h.withTrials(h.trials - 1, h.successes))) {
                return;
            }
        }
    }

        private long reject(KeyBreaker b, CircuitState state) {
        KeyBreaker.REJECTED.getAndAdd(b, 1L);
        KeyBreaker.TROUBLE.getAndAdd(b, 1);
        return ~(long) state.ordinal();
    }

    private void record(KeyBreaker b, long permit, boolean failure) {
        (failure ? KeyBreaker.FAILED : KeyBreaker.SUCCESSFUL).getAndAdd(b, 1L);
        long seq = permit >>> 1;
        Object s = b.state;
        if ((permit & 1) == 0) {
            // A CLOSED window lives exactly as long as its epoch, so an equal seq means the very window the call
            // started in.
            if (s instanceof KeyWindow w && w.seq == seq && w.record(failure, size, threshold)) {
                transition(b, w, new Open(seq + 1, clock.nanoTime(), CLOSED, clock));
            }
            return;
        }
        while (s instanceof HalfOpen h && h.seq == seq) {
            Object next;
            if (failure) {
                next = new Open(seq + 1, clock.nanoTime(), HALF_OPEN, clock);
            } else if (h.successes + 1 >= policy.successThreshold()) {
                next = new KeyWindow(seq + 1, size);
            } else {
                next = h.withTrials(h.trials - 1, h.successes + 1);
            }
            if (next instanceof HalfOpen ? KeyBreaker.STATE.compareAndSet(b, h, next) : transition(b, h, next)) {
                return;
            }
            s = b.state;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Keys

    private KeyBreaker admit(Object key, long now) {
        while (true) {
            int n = count.get();
            if (n < keying.maxKeys()) {
                if (!count.compareAndSet(n, n + 1)) {
                    continue;
                }
                KeyBreaker b = new KeyBreaker(key, new KeyWindow(0, size), now);
                KeyBreaker known = keys.putIfAbsent(key, b);
                if (known != null) {
                    count.decrementAndGet();
                    return known;
                }
                return b;
            }
            if (!sweeping.compareAndSet(false, true)) {
                return overflow; // another call is making room; this one does not wait for it
            }
            try {
                sweep(now, true);
            } finally {
                sweeping.set(false);
            }
            if (count.get() >= keying.maxKeys()) {
                return overflow; // every key held may not be evicted
            }
        }
    }

    private void sweepIdle(long now) {
        if (sweeping.compareAndSet(false, true)) {
            try {
                nextSweep = now + sweepEvery();
                sweep(now, false);
            } finally {
                sweeping.set(false);
            }
        }
    }

    private long sweepEvery() {
        return Math.max(1, keying.keyIdleEvictionNanos() / 4);
    }

    /** Evicts idle CLOSED keys and, when {@code makeRoom} and the family is full, the least recently used down to 90%. */
    private void sweep(long now, boolean makeRoom) {
        long idle = keying.keyIdleEvictionNanos();
        for (KeyBreaker b : keys.values()) {
            if (now - b.lastUsed >= idle) {
                evict(b);
            }
        }
        int excess = count.get() - keying.maxKeys() * 9 / 10;
        if (!makeRoom || count.get() < keying.maxKeys() || excess <= 0) {
            return;
        }
        long[] used = new long[count.get() + 16];
        int n = 0;
        for (KeyBreaker b : keys.values()) {
            if (n == used.length) {
                break;
            }
            if (b.state instanceof KeyWindow) {
                used[n++] = b.lastUsed - now; // relative, so that sorting is right across the clock's wrap
            }
        }
        if (n == 0) {
            return;
        }
        long[] sorted = Arrays.copyOf(used, n);
        Arrays.sort(sorted);
        long cut = sorted[Math.min(excess, n) - 1];
        int evicted = 0;
        for (Iterator<KeyBreaker> it = keys.values().iterator(); it.hasNext() && evicted < excess; ) {
            KeyBreaker b = it.next();
            if (b.lastUsed - now <= cut && evict(b)) {
                evicted++;
            }
        }
    }

    private boolean evict(KeyBreaker b) {
        Object s = b.state;
        if (s instanceof KeyWindow && KeyBreaker.STATE.compareAndSet(b, s, EVICTED)) {
            keys.remove(b.key, b);
            count.decrementAndGet();
            evictions.increment();
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operators and observers

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count.get();
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    @Override
    public Optional<CircuitBreakerHandle> find(Object key) {
        KeyBreaker b = keys.get(key == null ? "null" : key);
        return b == null ? Optional.empty() : Optional.of(new KeyHandle(b));
    }

    @Override
    public Collection<Object> keys() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public Collection<CircuitBreakerHandle> troubled() {
        List<CircuitBreakerHandle> found = new ArrayList<>();
        for (KeyBreaker b : keys.values()) {
            if (!(b.state instanceof KeyWindow) && b.state != EVICTED) {
                found.add(new KeyHandle(b));
            }
        }
        KeyBreaker o = overflow;
        if (!(o.state instanceof KeyWindow)) {
            found.add(new KeyHandle(o));
        }
        return Collections.unmodifiableList(found);
    }

    @Override
    public int count(CircuitState state) {
        int n = 0;
        for (KeyBreaker b : keys.values()) {
            if (b.state != EVICTED && circuit(b.state) == state) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int namedKeys() {
        return NAMED_KEYS;
    }

    @Override
    public String tagOf(Object key) {
        for (Object k : named) {
            if (k.equals(key)) {
                return String.valueOf(k);
            }
        }
        return OTHER;
    }

    /** Forgets every key (each starts CLOSED with an empty window on its next call); for {@code Engine.reset()}. */
    public void reset() {
        for (KeyBreaker b : keys.values()) {
            Object s = b.state;
            if (s != EVICTED && KeyBreaker.STATE.compareAndSet(b, s, EVICTED)) {
                keys.remove(b.key, b);
                count.decrementAndGet();
            }
        }
        overflow = new KeyBreaker(OVERFLOW, new KeyWindow(0, size), clock.nanoTime());
    }

    @Override
    public String toString() {
        return "BreakerFamily[" + name + ", " + count.get() + " keys]";
    }

    private static CircuitState circuit(Object s) {
        if (s instanceof KeyWindow) {
            return CLOSED;
        }
        if (s instanceof Open) {
            return OPEN;
        }
        if (s instanceof HalfOpen) {
            return HALF_OPEN;
        }
        return FORCED_OPEN;
    }

    private static long seq(Object s) {
        if (s instanceof KeyWindow w) {
            return w.seq;
        }
        return ((Made) s).seq;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Transitions

    /** Replaces {@code from} by {@code to} on {@code b} if {@code from} is still current, and announces it. */
    private boolean transition(KeyBreaker b, Object from, Object to) {
        if (!KeyBreaker.STATE.compareAndSet(b, from, to)) {
            return false;
        }
        unannounced.add(new Change(b, seq(to), circuit(from), circuit(to),
                to instanceof Made m ? m.made : new StateTransition(circuit(from), CLOSED, clock.instant())));
        announce();
        return true;
    }

    /** Drains the queued changes one thread at a time, each key's in order; see {@link Breaker}'s announce(). */
    private void announce() {
        if (announcing.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        try {
            do {
                for (Change c; (c = unannounced.poll()) != null; ) {
                    early.add(c);
                }
                boolean progress = true;
                while (progress) {
                    progress = false;
                    for (Iterator<Change> it = early.iterator(); it.hasNext(); ) {
                        Change c = it.next();
                        if (c.breaker.announced == c.seq - 1) {
                            it.remove();
                            c.breaker.announced = c.seq;
                            tell(c);
                            progress = true;
                        }
                    }
                }
                missed = announcing.addAndGet(-missed);
            } while (missed != 0);
        } catch (Error e) {
            announcing.set(0);
            throw e;
        }
    }

    private void tell(Change c) {
        Object key = c.breaker.key == OVERFLOW ? OTHER : c.breaker.key;
        if (c.to == OPEN || c.to == FORCED_OPEN) {
            rank(c.breaker);
        }
        try {
            listener.keyedStateChanged(name, key, c.from, c.to, c.transition.at());
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, () -> "Steadfast listener " + listener + " failed on a key of circuit '" + name
                    + "' going " + c.from + " -> " + c.to + "; the breaker goes on", e);
        }
    }

    /**
     * A key just opened (or was forced open): it joins the keys shown by name if there is room, or replaces the least troubled one when it
     * has had more than twice its trouble; never more than {@link #NAMED_KEYS_EVER} keys over the family's life, so
     * the series of a metric stay bounded. Drainer only.
     */
    private void rank(KeyBreaker b) {
        KeyBreaker.TROUBLE.getAndAdd(b, 1);
        if (b.key == OVERFLOW) {
            return;
        }
        Object[] current = named;
        for (Object k : current) {
            if (k.equals(b.key)) {
                return;
            }
        }
        if (everNamed >= NAMED_KEYS_EVER) {
            return;
        }
        if (current.length < NAMED_KEYS) {
            Object[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = b.key;
            named = next;
            everNamed++;
            return;
        }
        int least = -1;
        int leastTrouble = Integer.MAX_VALUE;
        for (int i = 0; i < current.length; i++) {
            KeyBreaker held = keys.get(current[i]);
            int t = held == null ? 0 : held.trouble;
            if (t < leastTrouble) {
                leastTrouble = t;
                least = i;
            }
        }
        if (b.trouble > 2 * leastTrouble) {
            Object[] next = current.clone();
            next[least] = b.key;
            named = next;
            everNamed++;
        }
    }

    private record Change(KeyBreaker breaker, long seq, CircuitState from, CircuitState to,
            StateTransition transition) {
    }

    // ---------------------------------------------------------------------------------------------------------------
    // States

    /** A state other than CLOSED: the change that made it. */
    private abstract static class Made {
        final long seq;
        final StateTransition made;

        Made(long seq, StateTransition made) {
            this.seq = seq;
            this.made = made;
        }
    }

    private static final class Open extends Made {
        final long openedAt;

        Open(long seq, long openedAt, CircuitState from, Clock clock) {
            super(seq, new StateTransition(from, OPEN, clock.instant()));
            this.openedAt = openedAt;
        }

        CircuitState circuit() {
            return OPEN;
        }
    }

    private static final class HalfOpen extends Made {
        final int trials;
        final int successes;

        HalfOpen(long seq, int trials, int successes, CircuitState from, Clock clock) {
            this(seq, trials, successes, new StateTransition(from, HALF_OPEN, clock.instant()));
        }

        private HalfOpen(long seq, int trials, int successes, StateTransition made) {
            super(seq, made);
            this.trials = trials;
            this.successes = successes;
        }

        HalfOpen withTrials(int trials, int successes) {
            return new HalfOpen(seq, trials, successes, made);
        }
    }

    private static final class Forced extends Made {
        Forced(long seq, CircuitState from, Clock clock) {
            super(seq, new StateTransition(from, FORCED_OPEN, clock.instant()));
        }
    }

    /**
     * One key's breaker. Its fields are updated through {@link VarHandle}s rather than atomic objects, to keep a key at
     * 64 bytes.
     */
    public static final class KeyBreaker {

        static final VarHandle STATE;
        static final VarHandle SUCCESSFUL;
        static final VarHandle FAILED;
        static final VarHandle REJECTED;
        static final VarHandle TROUBLE;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                STATE = l.findVarHandle(KeyBreaker.class, "state", Object.class);
                SUCCESSFUL = l.findVarHandle(KeyBreaker.class, "successful", long.class);
                FAILED = l.findVarHandle(KeyBreaker.class, "failed", long.class);
                REJECTED = l.findVarHandle(KeyBreaker.class, "rejected", long.class);
                TROUBLE = l.findVarHandle(KeyBreaker.class, "trouble", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Object key;
        /** A {@link KeyWindow} (CLOSED), {@link Open}, {@link HalfOpen}, {@link Forced} or {@link #EVICTED}. */
        volatile Object state;
        volatile long lastUsed;
        volatile long successful;
        volatile long failed;
        volatile long rejected;
        /** Openings and rejections: what ranks the keys shown by name. */
        volatile int trouble;
        /** The sequence number of the last change announced; only the announcing thread. */
        long announced;

        KeyBreaker(Object key, KeyWindow window, long now) {
            this.key = key;
            this.state = window;
            this.lastUsed = now;
        }

        @Override
        public String toString() {
            return "KeyBreaker[" + circuit(state) + "]";
        }
    }

    /** An operator's handle on one key's breaker, made when asked for. */
    private final class KeyHandle implements CircuitBreakerHandle {

        private final KeyBreaker b;

        KeyHandle(KeyBreaker b) {
            this.b = b;
        }

        @Override
        public String name() {
            return name + "[" + (b.key == OVERFLOW ? OTHER : b.key) + "]";
        }

        @Override
        public CircuitState state() {
            Object s = b.state;
            return s == EVICTED ? CLOSED : circuit(s);
        }

        @Override
        public Optional<Duration> retryAfter() {
            if (b.state instanceof Open o) {
                return Optional.of(Duration.ofNanos(Math.max(0, o.openedAt + policy.delayNanos() - clock.nanoTime())));
            }
            return Optional.empty();
        }

        @Override
        public CircuitBreakerStats stats() {
            long s = b.successful;
            long f = b.failed;
            long r = b.rejected;
            Object state = b.state;
            return new CircuitBreakerStats(s + f + r, s, f, r, state == EVICTED ? 0 : seq(state));
        }

        /** The transition into the current state when it is not CLOSED: a key keeps no longer history. */
        @Override
        public List<StateTransition> transitions() {
            return b.state instanceof Made m ? List.of(m.made) : List.of();
        }

        @Override
        public void reset() {
            while (true) {
                Object s = b.state;
                if (s == EVICTED) {
                    return;
                }
                KeyBreaker.SUCCESSFUL.setVolatile(b, 0L);
                KeyBreaker.FAILED.setVolatile(b, 0L);
                KeyBreaker.REJECTED.setVolatile(b, 0L);
                if (s instanceof KeyWindow w) {
                    if (KeyBreaker.STATE.compareAndSet(b, s, new KeyWindow(w.seq, size))) {
                        return; // from CLOSED: cleared without a state change
                    }
                } else if (transition(b, s, new KeyWindow(seq(s) + 1, size))) {
                    return;
                }
            }
        }

        @Override
        public void forceOpen() {
            while (true) {
                Object s = b.state;
                if (s == EVICTED || s instanceof Forced
                        || transition(b, s, new Forced(seq(s) + 1, circuit(s), clock))) {
                    return;
                }
            }
        }

        @Override
        public String toString() {
            return "CircuitBreakerHandle[" + name() + ", " + state() + "]";
        }
    }
}
