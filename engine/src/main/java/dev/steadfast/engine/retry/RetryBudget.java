package dev.steadfast.engine.retry;

import dev.steadfast.RetryBudgetHandle;
import dev.steadfast.RetryBudgetStats;
import dev.steadfast.engine.time.Clock;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shared state of one retry budget: one instance per budget name, used by every retry naming it. Lock-free;
 * {@link #deposit} (every call) is one compare-and-set and allocates nothing.
 *
 * <p>The window is cut into {@value #SLOTS} slots of a tenth of it. Each slot is one {@code long}: the slot's epoch
 * (the clock reading divided by the slot length, its low 32 bits) in the high half and a count in the low half; one
 * array counts deposits, one withdrawals. A slot belongs to the window while its epoch is one of the last
 * {@value #SLOTS}; a thread that finds a slot of an older epoch replaces it, by CAS, with the current epoch and its own
 * count, and adds the old count to the retired total (only the winner of that CAS does, so every count is retired
 * once). So deposits and withdrawals expire a slot at a time, between 0.9 and 1 window after they were made.
 *
 * <p>Why a withdrawal cannot overdraw. {@link #tryWithdraw} reads the balance, then increments the current
 * withdrawal slot with a CAS on the very word it read: a concurrent withdrawal in the same slot makes that CAS fail,
 * and the loser reads the balance again. Deposits arriving in between only raise the balance. Only two threads
 * withdrawing in two different slots at a slot boundary can both succeed on one token, an overdraft of one token per
 * thread at that instant.
 */
public final class RetryBudget implements RetryBudgetHandle {

    static final int SLOTS = 10;
    private static final long COUNT = 0xFFFF_FFFFL;

    private final String name;
    private final RetryBudgetPolicy policy;
    private final Clock clock;
    private final long slotNanos;
    private final double reserve;
    private final AtomicLongArray deposits = new AtomicLongArray(SLOTS);
    private final AtomicLongArray withdrawals = new AtomicLongArray(SLOTS);
    private final AtomicLong retiredDeposits = new AtomicLong();
    private final AtomicLong retiredWithdrawals = new AtomicLong();
    private final LongAdder refusals = new LongAdder();

    public RetryBudget(String name, RetryBudgetPolicy policy, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slotNanos = Math.max(1, policy.windowNanos() / SLOTS);
        this.reserve = policy.reserve();
        reset();
    }

    /**
     * Back to the reserve alone, counters cleared (test support). Calls in flight while it runs may count before or
     * after it.
     */
    public void reset() {
        long epoch = epoch(clock.nanoTime());
        for (int i = 0; i < SLOTS; i++) {
            // Empty slots of epochs long gone: whatever epoch `now` is, none of them counts.
            deposits.set(i, pack(epoch - SLOTS - i, 0));
            withdrawals.set(i, pack(epoch - SLOTS - i, 0));
        }
        retiredDeposits.set(0);
        retiredWithdrawals.set(0);
        refusals.reset();
    }

    /** The rules this budget was built with. */
    public RetryBudgetPolicy policy() {
        return policy;
    }

    /** A call's first attempt starts at {@code nowNanos} (a reading of the budget's clock): deposits its tokens. */
    public void deposit(long nowNanos) {
        add(deposits, retiredDeposits, epoch(nowNanos));
    }

    /**
     * Takes one token for a retry, if the balance holds one.
     *
     * @return whether the retry may be made; a refusal is counted
     */
    public boolean tryWithdraw() {
        long epoch = epoch(clock.nanoTime());
        int i = index(epoch);
        while (true) {
            long w = withdrawals.get(i);
            if (balance(epoch) < 1) {
                refusals.increment();
                return false;
            }
            boolean same = (int) (w >>> 32) == (int) epoch;
            long next = same ? w + 1 : pack(epoch, 1);
            // The CAS is on the word read before the balance: a withdrawal that landed meanwhile fails it.
            if (withdrawals.compareAndSet(i, w, next)) {
                if (!same) {
                    retiredWithdrawals.addAndGet(w & COUNT);
                }
                return true;
            }
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double balance() {
        return Math.max(0, balance(epoch(clock.nanoTime())));
    }

    @Override
    public RetryBudgetStats stats() {
        return new RetryBudgetStats(total(deposits, retiredDeposits), total(withdrawals, retiredWithdrawals),
                refusals.sum());
    }

    @Override
    public String toString() {
        return "RetryBudget[" + name + ", " + policy + "]";
    }

    private double balance(long epoch) {
        return reserve + policy.ratio() * live(deposits, epoch) - live(withdrawals, epoch);
    }

    private long epoch(long nanos) {
        return Math.floorDiv(nanos, slotNanos);
    }

    private static int index(long epoch) {
        return (int) Math.floorMod(epoch, (long) SLOTS);
    }

    private static long pack(long epoch, long count) {
        return epoch << 32 | count;
    }

    private static void add(AtomicLongArray slots, AtomicLong retired, long epoch) {
        int i = index(epoch);
        while (true) {
            long v = slots.get(i);
            if ((int) (v >>> 32) == (int) epoch) {
                if ((v & COUNT) == COUNT || slots.compareAndSet(i, v, v + 1)) {
                    return; // a full slot (4 billion in a tenth of the window) stops counting rather than overflow
                }
            } else if (slots.compareAndSet(i, v, pack(epoch, 1))) {
                retired.addAndGet(v & COUNT);
                return;
            }
        }
    }

    /** The counts of the slots whose epoch is one of the last {@value #SLOTS} up to {@code epoch}. */
    private static long live(AtomicLongArray slots, long epoch) {
        long sum = 0;
        int now = (int) epoch;
        for (int i = 0; i < SLOTS; i++) {
            long v = slots.get(i);
            int age = now - (int) (v >>> 32); // wraps correctly: epochs compare in 32-bit arithmetic
            if (age >= 0 && age < SLOTS) {
                sum += v & COUNT;
            }
        }
        return sum;
    }

    private static long total(AtomicLongArray slots, AtomicLong retired) {
        long sum = retired.get();
        for (int i = 0; i < SLOTS; i++) {
            sum += slots.get(i) & COUNT;
        }
        return sum;
    }
}
