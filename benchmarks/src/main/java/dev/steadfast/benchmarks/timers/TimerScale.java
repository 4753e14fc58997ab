package dev.steadfast.benchmarks.timers;

import dev.steadfast.benchmarks.report.Sections;
import dev.steadfast.engine.Interruption;
import dev.steadfast.engine.time.ThreadTimer;
import dev.steadfast.engine.time.Timer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Timers at scale: Steadfast's {@link ThreadTimer} beside SmallRye Fault Tolerance's timer
 * ({@code io.smallrye.faulttolerance.core.timer.ThreadTimer}, 6.11.2), with 10,000 and 100,000 timeouts pending at
 * once. Not a JMH benchmark (it measures a timer thread under a backlog, which JMH's per-call loop cannot set up); run
 * by {@code benchmarks/timer-scale.sh}, which writes its section of {@code RESULTS.md}.
 *
 * <ul>
 *   <li><b>heap per pending timeout</b>: used heap after a full GC with {@code n} timeouts pending (1 min ahead),
 *       less the same before arming, over {@code n}. Steadfast's entry is a synchronous timeout's watchdog
 *       ({@link Interruption}, what {@code TimeoutStrategy} allocates per call); SmallRye's is its task around one
 *       shared {@code Runnable} (its own timeouts add a per-call runnable on top: in SmallRye's favour).</li>
 *   <li><b>arm + cancel</b>: ns per pair, one thread, with the {@code n} timeouts pending; a timeout of 1 s, cancelled
 *       at once (the call returned); the median of rounds. Steadfast's pair includes the {@code System.nanoTime()}
 *       read the strategy hands to the timer (SmallRye's timer reads the clock itself).</li>
 *   <li><b>lateness</b>: {@code n} timeouts armed with deadlines spread evenly over 0.2–1.2 s ahead; 90 % are
 *       cancelled before the first deadline, the rest fire; meanwhile another thread keeps arming and cancelling
 *       about 100,000 more per second (calls that keep coming). Lateness is when the expiry ran less its deadline:
 *       p50, p99 and max. <i>sync</i>: Steadfast's expiry on its timer thread (where a synchronous timeout
 *       interrupts the caller); <i>async</i>: the work it hands off, on the hand-off executor (where an asynchronous
 *       timeout completes the stage). SmallRye runs every expiry on its executor (the same 2-thread pool).</li>
 * </ul>
 */
public final class TimerScale {

    static final String BEGIN = "<!-- timer-scale:begin -->";
    static final String END = "<!-- timer-scale:end -->";
    static final long MS = 1_000_000L;
    static final int[] SIZES = {10_000, 100_000};
    static final int ROUNDS = 21;
    static final int PAIRS_PER_ROUND = 100_000;
    static final double FIRING = 0.1;

    /** One library's timer, as the scenarios use it. */
    interface Subject extends AutoCloseable {

        /** Arms a timeout that does nothing when it fires; returns its cancel. */
        Runnable armIdle(long delayNanos);

        /** Arms a timeout that records its lateness at {@code slot} of {@code lateness} and counts {@code fired} down. */
        Runnable armProbe(long deadline, long[] lateness, int slot, CountDownLatch fired);

        @Override
        void close() throws Exception;
    }

    /** Steadfast's timer; {@code async}: expiries hand off to the executor, and lateness is taken there. */
    static final class Steadfast implements Subject {

        private final ExecutorService handOff = Executors.newFixedThreadPool(2, daemon("steadfast-hand-off"));
        private final ThreadTimer timer = new ThreadTimer("steadfast-timer", handOff);
        private final boolean async;
        private final Thread owner;

        Steadfast(boolean async, Thread owner) {
            this.async = async;
            this.owner = owner;
        }

        @Override
        public Runnable armIdle(long delayNanos) {
            Interruption watchdog = new Interruption(owner);
            timer.arm(watchdog, System.nanoTime(), delayNanos);
            return watchdog::finish;
        }

        @Override
        public Runnable armProbe(long deadline, long[] lateness, int slot, CountDownLatch fired) {
            Probe p = new Probe(deadline, lateness, slot, fired);
            timer.arm(p, System.nanoTime(), deadline - System.nanoTime());
            return p::cancel;
        }

        @Override
        public void close() {
            timer.shutdown();
            handOff.shutdownNow();
        }

        private final class Probe extends Timer.Entry {

            final long due;
            final long[] lateness;
            final int slot;
            final CountDownLatch fired;

            Probe(long due, long[] lateness, int slot, CountDownLatch fired) {
                this.due = due;
                this.lateness = lateness;
                this.slot = slot;
                this.fired = fired;
            }

            @Override
            protected void expire() {
                if (compareAndSetState(PENDING, 1)) {
                    if (async) {
                        timer.handOff(this::record);
                    } else {
                        record();
                    }
                }
            }

            void record() {
                lateness[slot] = System.nanoTime() - due;
                fired.countDown();
            }

            void cancel() {
                compareAndSetState(PENDING, 2);
            }
        }
    }

    /** SmallRye Fault Tolerance's timer, its tasks run on the same kind of 2-thread executor. */
    static final class SmallRye implements Subject {

        private static final Runnable NOTHING = () -> { };
        private final ExecutorService executor = Executors.newFixedThreadPool(2, daemon("smallrye-executor"));
        private final io.smallrye.faulttolerance.core.timer.ThreadTimer timer =
                new io.smallrye.faulttolerance.core.timer.ThreadTimer(executor);

        @Override
        public Runnable armIdle(long delayNanos) {
            io.smallrye.faulttolerance.core.timer.TimerTask task = timer.schedule(delayNanos / MS, NOTHING);
            return task::cancel;
        }

        @Override
        public Runnable armProbe(long deadline, long[] lateness, int slot, CountDownLatch fired) {
            long delay = deadline - System.nanoTime();
            io.smallrye.faulttolerance.core.timer.TimerTask task = timer.schedule(Math.max(0, delay / MS), () -> {
                lateness[slot] = System.nanoTime() - deadline;
                fired.countDown();
            });
            return task::cancel;
        }

        @Override
        public void close() throws InterruptedException {
            timer.shutdown();
            executor.shutdownNow();
        }
    }

    interface Factory {
        Subject create() throws Exception;
    }

    record Row(String library, int pending, double bytesPerPending, double armCancelNanos, double p50, double p99,
            double max, int fired) {
    }

    static Thread parkedOwner() {
        Thread t = new Thread(() -> {
            while (true) {
                LockSupportPark.park();
            }
        }, "watchdog-owner");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Parks, ignoring interrupts (the watchdogs that fire interrupt this thread). */
    static final class LockSupportPark {
        static void park() {
            java.util.concurrent.locks.LockSupport.park();
            Thread.interrupted();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static Row measure(String library, Factory factory, int n, boolean costs) throws Exception {
        double bytes = Double.NaN;
        double armCancel = Double.NaN;
        if (costs) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            Runnable[] cancels = new Runnable[n];
            // A fresh timer per round: a timer keeps cancelled entries for a while (Steadfast's until its next purge),
            // and their release would be counted against the next round's.
            double[] perPending = new double[3];
            for (int round = 0; round < perPending.length; round++) {
                try (Subject s = factory.create()) {
                    for (int i = 0; i < 50_000; i++) { // warm-up, and the timer's thread started
                        s.armIdle(TimeUnit.SECONDS.toNanos(1)).run();
                    }
                    // The warm-up's cancelled entries go before "before": Steadfast's timer drops them at its next
                    // sweep, which an arm more than 10 ms after the last one asks for.
                    Thread.sleep(50);
                    s.armIdle(TimeUnit.SECONDS.toNanos(1)).run();
                    Thread.sleep(50);
                    long before = usedAfterGc(memory);
                    for (int i = 0; i < n; i++) {
                        cancels[i] = s.armIdle(TimeUnit.MINUTES.toNanos(1));
                    }
                    long after = usedAfterGc(memory);
                    // The cancel handles are the benchmark's, not the timer's: one 16-B lambda each, taken off.
                    perPending[round] = (after - before) / (double) n - 16;
                    for (Runnable c : cancels) {
                        c.run();
                    }
                    Arrays.fill(cancels, null); // or they would count in the next round's "before"
                }
            }
            bytes = median(perPending);
            try (Subject s = factory.create()) {
                for (int i = 0; i < 200_000; i++) { // warm-up
                    s.armIdle(TimeUnit.SECONDS.toNanos(1)).run();
                }
                for (int i = 0; i < n; i++) {
                    cancels[i] = s.armIdle(TimeUnit.MINUTES.toNanos(1));
                }
                double[] rounds = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    long start = System.nanoTime();
                    for (int i = 0; i < PAIRS_PER_ROUND; i++) {
                        s.armIdle(TimeUnit.SECONDS.toNanos(1)).run();
                    }
                    rounds[round] = (System.nanoTime() - start) / (double) PAIRS_PER_ROUND;
                }
                armCancel = median(rounds);
                for (Runnable c : cancels) {
                    c.run();
                }
            }
        }

        int firing = (int) (n * FIRING);
        long[] lateness = new long[firing];
        CountDownLatch fired = new CountDownLatch(firing);
        try (Subject s = factory.create()) {
            for (int i = 0; i < 100_000; i++) {
                s.armIdle(TimeUnit.SECONDS.toNanos(1)).run();
            }
            AtomicBoolean churning = new AtomicBoolean(true);
            Thread churn = new Thread(() -> {
                while (churning.get()) {
                    for (int i = 0; i < 100; i++) {
                        s.armIdle(TimeUnit.SECONDS.toNanos(1)).run();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(MS);
                }
            }, "churn");
            churn.setDaemon(true);
            churn.start();
            SplittableRandom random = new SplittableRandom(42);
            long base = System.nanoTime() + 200 * MS;
            List<Runnable> cancelled = new ArrayList<>();
            int slot = 0;
            for (int i = 0; i < n; i++) {
                long deadline = base + (long) (i * (1000.0 * MS / n));
                boolean fires = slot < firing && random.nextDouble() < FIRING * 1.05;
                Runnable cancel = s.armProbe(deadline, fires ? lateness : new long[1], fires ? slot : 0,
                        fires ? fired : new CountDownLatch(1));
                if (fires) {
                    slot++;
                } else {
                    cancelled.add(cancel);
                }
            }
            for (Runnable c : cancelled) {
                c.run();
            }
            long cancelledBy = System.nanoTime();
            if (cancelledBy - base > 0) {
                System.err.println("warning: the cancels ended " + (cancelledBy - base) / MS
                        + " ms after the first deadline");
            }
            fired.await(30, TimeUnit.SECONDS);
            churning.set(false);
            churn.join();
            long[] l = Arrays.copyOf(lateness, slot);
            Arrays.sort(l);
            return new Row(library, n, bytes, armCancel, percentile(l, 0.5), percentile(l, 0.99),
                    l.length == 0 ? Double.NaN : l[l.length - 1] / (double) MS, slot);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** The cost of one {@code System.nanoTime()} in this run: the median of rounds, as for arm + cancel. */
    static double nanoTimeCost() {
        double[] rounds = new double[ROUNDS];
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < PAIRS_PER_ROUND; i++) {
                sink += System.nanoTime();
            }
            rounds[round] = (System.nanoTime() - start) / (double) PAIRS_PER_ROUND;
        }
        if (sink == 42) {
            System.err.println();
        }
        return median(rounds);
    }

    /**
     * The machine's floor for lateness: one plain thread that parks until each of the deadlines the firing timeouts
     * have (the same spread, the same churn beside it), and records how late it woke.
     */
    static Row parkFloor(int n) throws InterruptedException {
        int firing = (int) (n * FIRING);
        long[] lateness = new long[firing];
        long base = System.nanoTime() + 200 * MS;
        for (int i = 0; i < firing; i++) {
            long deadline = base + (long) (i * (1000.0 * MS / firing));
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            lateness[i] = System.nanoTime() - deadline;
        }
        Arrays.sort(lateness);
        return new Row("one thread parking until each deadline (floor)", n, Double.NaN, Double.NaN,
                percentile(lateness, 0.5), percentile(lateness, 0.99), lateness[firing - 1] / (double) MS, firing);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / (double) MS;
    }

    static String markdown(List<Row> rows, double nanoTime) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append('\n');
        b.append("## Timers at scale\n\n");
        b.append("Written by `benchmarks/timer-scale.sh` (`dev.steadfast.benchmarks.timers.TimerScale`; or "
                + "`benchmarks/run.sh timers`), on ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, run on ")
                .append(java.time.LocalDate.now(java.time.ZoneOffset.UTC)).append(". One JVM, the libraries one "
                + "after the other, each with a fresh timer per measurement. Steadfast's `ThreadTimer` against "
                + "SmallRye Fault Tolerance 6.11.2's `ThreadTimer` (its delays are whole milliseconds, cut short: it fires up to 1 ms early, hence its negative p50).\n\n");
        b.append("- **heap / pending**: retained heap per pending timeout (a 1-min timeout; used heap after full GCs, "
                + "with and without n pending, over n). Steadfast's is a synchronous timeout's whole per-call state "
                + "(the watchdog, which is the timer's entry), plus a 4-B heap slot once the timer thread has swept it into its heap (the 1-min timeouts measured here were still on the inbound list); SmallRye's is its timer task with "
                + "a shared `Runnable` (its timeouts allocate more per call on top).\n");
        b.append("- **arm + cancel**: ns per pair, one thread, with the n timeouts pending (Steadfast's includes the "
                + "`System.nanoTime()` read the strategy gives the timer; one read costs ")
                .append(String.format(Locale.ROOT, "%.0f ns", nanoTime)).append(" in this run, measured the same "
                + "way). The median of " + ROUNDS + " rounds of " + PAIRS_PER_ROUND + " pairs, wall-clock time. "
                + "Steadfast's async timeout arms the same way (its row shows only lateness).\n");
        b.append("- **lateness**: n timeouts with deadlines spread over 0.2–1.2 s ahead; 90 % cancelled before the "
                + "first deadline, about 10 % fire, while another thread arms and cancels about 100,000 more per "
                + "second. Lateness = when the expiry ran − its deadline. Steadfast *sync*: on the timer thread "
                + "(where a synchronous timeout interrupts); *async*: in the work handed off to the executor (where "
                + "a stage is completed). SmallRye runs every expiry on its executor (2 threads, as Steadfast's). "
                + "The floor row is no timer: one thread parking until each firing deadline in turn, what this machine "
                + "gives any thread that waits (its load is not recorded; other builds share the 2 cores).\n\n");
        b.append("Targets (issue 20): p99 lateness ≤ 2 ms at 100,000 pending; arm + cancel ≤ 100 ns.\n\n");
        b.append("| timer | pending | heap / pending | arm + cancel | lateness p50 | p99 | max | fired |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %.2f ms | %.2f ms | %.2f ms | %,d |%n",
                    r.library(), r.pending(),
                    Double.isNaN(r.bytesPerPending()) ? "" : String.format(Locale.ROOT, "%.0f B", r.bytesPerPending()),
                    Double.isNaN(r.armCancelNanos()) ? "" : String.format(Locale.ROOT, "%.0f ns", r.armCancelNanos()),
                    r.p50(), r.p99(), r.max(), r.fired()));
        }
        b.append("\n| target | measured (Steadfast, 100,000 pending) | met |\n|---|---:|:---:|\n");
        for (Row r : rows) {
            if (r.pending() == 100_000 && r.library().startsWith("Steadfast")) {
                b.append(String.format(Locale.ROOT, "| p99 lateness ≤ 2 ms (%s) | %.2f ms | %s |%n",
                        r.library(), r.p99(), r.p99() <= 2 ? "yes" : "**no**"));
                if (!Double.isNaN(r.armCancelNanos())) {
                    b.append(String.format(Locale.ROOT, "| arm + cancel ≤ 100 ns (%s) | %.0f ns | %s |%n",
                            r.library(), r.armCancelNanos(), r.armCancelNanos() <= 100 ? "yes" : "**no**"));
                }
            }
        }
        b.append('\n').append(END).append('\n');
        return b.toString();
    }

    /** {@code args[0]}: the Markdown file to write the section into; without it, prints the section. */
    public static void main(String[] args) throws Exception {
        Thread owner = parkedOwner();
        List<Row> rows = new ArrayList<>();
        for (int n : SIZES) {
            rows.add(measure("Steadfast (sync)", () -> new Steadfast(false, owner), n, true));
            rows.add(measure("Steadfast (async)", () -> new Steadfast(true, owner), n, false));
            rows.add(measure("SmallRye", SmallRye::new, n, true));
            rows.add(parkFloor(n));
            System.err.println(rows.subList(rows.size() - 4, rows.size()));
        }
        String section = markdown(rows, nanoTimeCost());
        System.out.print(section);
        if (args.length > 0) {
            write(Path.of(args[0]), section);
            System.out.println("Wrote the timer-scale section of " + args[0]);
        }
    }

    /** Replaces (or appends) the section between the markers in {@code file}. */
    static void write(Path file, String section) throws IOException {
        Sections.write(file, BEGIN, END, section);
    }

    private TimerScale() {
    }
}
