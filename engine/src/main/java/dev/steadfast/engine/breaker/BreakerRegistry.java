package dev.steadfast.engine.breaker;

import dev.steadfast.BreakerFamilyHandle;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Every breaker of one engine by registry name: the one place where a breaker shared by name is created, so that
 * every method (annotated or programmatic) naming it gets the same state. Thread-safe.
 *
 * <p><b>Removal.</b> A breaker stays registered until it is removed: by {@link #remove(String)} (an operator, or an
 * application that knows the dependency is gone), or, for a breaker that programmatic guards {@linkplain #hold hold},
 * when the last of them {@linkplain #release releases} it. A breaker that annotated methods use is {@linkplain #pin
 * pinned}: it lives as long as the application, and {@link #remove(String)} refuses it. Strategies that already use a
 * removed breaker go on using it; it is only no longer listed, and a new breaker of that name starts afresh.
 *
 * <p>Every change of an entry happens inside {@link ConcurrentHashMap#compute}, which runs one change per name at a
 * time, so a guard taking hold of a breaker and another releasing it cannot lose one another's count.
 */
public final class BreakerRegistry implements CircuitBreakers {

    private final Map<String, Entry> breakers = new ConcurrentHashMap<>();
    /** Keyed breakers by name: a name is either a breaker or a family, never both. */
    private final Map<String, BreakerFamily> families = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Timer timer;
    private final EngineListener listener;
    private final Consumer<Breaker> removed;

    public BreakerRegistry(Clock clock, Timer timer, EngineListener listener) {
        this(clock, timer, listener, b -> { });
    }

    /**
     * @param removed told of every breaker removed from the registry (after the removal), to forget it too
     */
    public BreakerRegistry(Clock clock, Timer timer, EngineListener listener, Consumer<Breaker> removed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.removed = Objects.requireNonNull(removed, "removed");
    }

    /**
     * The breaker registered under {@code name}, created with {@code policy} if there is none yet.
     *
     * @throws IllegalArgumentException when a breaker of that name exists with another policy
     */
    public Breaker getOrCreate(String name, BreakerPolicy policy) {
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' exists keyed; it cannot also be unkeyed");
        }
        Entry e = breakers.computeIfAbsent(name, n -> new Entry(new Breaker(n, policy, clock, timer, listener)));
        agree(e.breaker, policy);
        return e.breaker;
    }

    /**
     * Like {@link #getOrCreate}, and counts one more holder of the breaker: a programmatic guard, which
     * {@linkplain #release releases} it when it is closed.
     *
     * @throws IllegalArgumentException when a breaker of that name exists with another policy (nothing is held)
     */
    public Breaker hold(String name, BreakerPolicy policy) {
        if (families.containsKey(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' exists keyed; it cannot also be unkeyed");
        }
        Entry e = breakers.compute(name, (n, existing) -> {
            Entry entry = existing != null ? existing : new Entry(new Breaker(n, policy, clock, timer, listener));
            agree(entry.breaker, policy);
            entry.holders++;
            return entry;
        });
        return e.breaker;
    }

    /**
     * One holder less of {@code breaker}; when none is left and no annotated method uses it, it is removed. Does
     * nothing when {@code name} is registered to another breaker (this one was removed meanwhile).
     */
    public void release(String name, Breaker breaker) {
        Breaker[] gone = new Breaker[1];
        breakers.computeIfPresent(name, (n, entry) -> {
            if (entry.breaker != breaker) {
                return entry;
            }
            entry.holders = Math.max(0, entry.holders - 1);
            if (entry.holders == 0 && !entry.pinned) {
                gone[0] = entry.breaker;
                return null;
            }
            return entry;
        });
        if (gone[0] != null) {
            removed.accept(gone[0]);
        }
    }

    /** Marks the breaker of {@code name}, if any, as used by annotated methods: it is never removed. */
    public void pin(String name) {
        breakers.computeIfPresent(name, (n, entry) -> {
            entry.pinned = true;
            return entry;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when annotated methods use that breaker
     */
    @Override
    public boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        Breaker[] gone = new Breaker[1];
        breakers.computeIfPresent(name, (n, entry) -> {
            if (entry.pinned) {
                throw new IllegalStateException("Circuit breaker '" + name + "' is used by annotated methods and"
                        + " lives as long as the application; it cannot be removed");
            }
            gone[0] = entry.breaker;
            return null;
        });
        if (gone[0] == null) {
            return false;
        }
        removed.accept(gone[0]);
        return true;
    }

    /**
     * The keyed breaker registered under {@code name}, created with {@code policy} and {@code keying} if there is none.
     *
     * @throws IllegalArgumentException when a family of that name exists with other policies, or an unkeyed breaker
     *                                  has that name
     */
    public BreakerFamily getOrCreateFamily(String name, BreakerPolicy policy, KeyedBreakerPolicy keying) {
        if (breakers.containsKey(name)) {
            throw new IllegalArgumentException("Circuit breaker '" + name + "' exists unkeyed; it cannot also be keyed");
        }
        BreakerFamily f = families.computeIfAbsent(name, n -> new BreakerFamily(n, policy, keying, clock, listener));
        if (!f.policy().equals(policy) || !f.keying().equals(keying)) {
            throw new IllegalArgumentException("Keyed circuit breaker '" + name + "' already exists with " + f.policy()
                    + " and " + f.keying() + "; it cannot also have " + policy + " and " + keying);
        }
        return f;
    }

    @Override
    public Optional<BreakerFamilyHandle> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    @Override
    public Collection<BreakerFamilyHandle> families() {
        List<BreakerFamilyHandle> all = new ArrayList<>(families.values());
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(all);
    }

    /** Forgets every key of every keyed breaker; for {@code Engine.reset()}. */
    public void resetFamilies() {
        families.values().forEach(BreakerFamily::reset);
    }

    @Override
    public Optional<CircuitBreakerHandle> find(String name) {
        Entry e = breakers.get(name);
        return e == null ? Optional.empty() : Optional.of(e.breaker);
    }

    @Override
    public CircuitBreakerHandle get(String name) {
        Entry e = breakers.get(name);
        if (e == null) {
            throw new NoSuchElementException("No circuit breaker named '" + name + "'; known: "
                    + new TreeSet<>(breakers.keySet()));
        }
        return e.breaker;
    }

    @Override
    public Collection<CircuitBreakerHandle> all() {
        List<CircuitBreakerHandle> all = new ArrayList<>(breakers.size());
        for (Entry e : breakers.values()) {
            all.add(e.breaker);
        }
        all.sort((a, b) -> a.name().compareTo(b.name()));
        return Collections.unmodifiableList(all);
    }

    /** Breakers registered now. */
    public int size() {
        return breakers.size();
    }

    private static void agree(Breaker existing, BreakerPolicy policy) {
        if (!existing.policy().equals(policy)) {
            throw new IllegalArgumentException("Circuit breaker '" + existing.name() + "' already exists with "
                    + existing.policy() + "; it cannot also have " + policy);
        }
    }

    /** One registered breaker; {@code holders} and {@code pinned} change only inside {@code compute}. */
    private static final class Entry {

        final Breaker breaker;
        int holders;
        boolean pinned;

        Entry(Breaker breaker) {
            this.breaker = breaker;
        }
    }
}
