package dev.steadfast.benchmarks.startup;

import dev.steadfast.benchmarks.report.Sections;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The arithmetic and the markdown of the start-up benchmark: medians of the fresh JVMs per flavour and size, what each
 * fault-tolerance flavour adds over the plain beans, the per-breaker footprint, and the targets of issue 20. Pure: the
 * measurements come in, a section of {@code RESULTS.md} comes out.
 */
public final class StartupReport {

    static final String BEGIN = "<!-- startup:begin -->";
    static final String END = "<!-- startup:end -->";

    /** Targets (issue 20). */
    static final int TARGET_METHODS = 1_000;
    static final double TARGET_STARTUP_RATIO = 0.5;
    static final double TARGET_BYTES_PER_METHOD = 1024;
    static final double TARGET_BYTES_PER_BREAKER = 300;

    private static final double MS = 1e6;

    /** The medians of one flavour at one size. */
    record Row(Flavour flavour, int methods, int runs, double startupMs, double heapAfterStartup, double firstCallsMs,
               double heapAfterCalls, double[] phasesMs, double ownAfterStartup, boolean weld411) {

        static Row of(List<Measurement> runs) {
            Measurement first = runs.get(0);
            double[] phases = new double[PhaseProbe.Phases.NAMES.length];
            for (int p = 0; p < phases.length; p++) {
                int phase = p;
                phases[p] = median(runs.stream().mapToDouble(m -> m.phases().toArray()[phase] / MS).toArray());
            }
            return new Row(first.flavour(), first.methods(), runs.size(),
                    median(runs.stream().mapToDouble(m -> m.startupNanos() / MS).toArray()),
                    median(runs.stream().mapToDouble(Measurement::heapAfterStartup).toArray()),
                    median(runs.stream().mapToDouble(m -> m.firstCallsNanos() / MS).toArray()),
                    median(runs.stream().mapToDouble(Measurement::heapAfterCalls).toArray()),
                    phases, median(runs.stream().mapToDouble(Measurement::ownAfterStartup).toArray()),
                    runs.stream().anyMatch(Measurement::weld411));
        }

        /** Phase {@code p} of the start-up added over {@code plain}, ms (medians of each phase on its own). */
        double addedPhaseMs(Row plain, int p) {
            return phasesMs[p] - plain.phasesMs[p];
        }

        /** Start-up added over {@code plain}, ms. */
        double addedStartupMs(Row plain) {
            return startupMs - plain.startupMs;
        }

        /** Retained heap after start-up added over {@code plain}, per guarded method, bytes. */
        double bytesPerMethod(Row plain) {
            return (heapAfterStartup - plain.heapAfterStartup) / methods;
        }

        /** The library's own objects after start-up, per guarded method, bytes (shallow). */
        double ownBytesPerMethod() {
            return ownAfterStartup / methods;
        }

        /** Retained heap after the first calls added over {@code plain}, per guarded method, bytes. */
        double bytesPerMethodAfterCalls(Row plain) {
            return (heapAfterCalls - plain.heapAfterCalls) / methods;
        }

        /** First calls of every method, time added over {@code plain}, ms. */
        double addedFirstCallsMs(Row plain) {
            return firstCallsMs - plain.firstCallsMs;
        }
    }

    /** The per-breaker footprint of one kind: the median of its runs' retained bytes over the breaker count. */
    record Breakers(String kind, int count, double bytesPerBreaker, int runs) {

        static Breakers of(String kind, int count, long[] retainedBytes) {
            return new Breakers(kind, count,
                    median(Arrays.stream(retainedBytes).asDoubleStream().toArray()) / count, retainedBytes.length);
        }
    }

    private StartupReport() {
    }

    /** The median; of an even count, the mean of the middle two. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static Optional<Row> find(List<Row> rows, Flavour flavour, int methods) {
        return rows.stream().filter(r -> r.flavour() == flavour && r.methods() == methods).findFirst();
    }

    /** Each row in table order (by size, then flavour) with the plain row of its size, if there is one. */
    private static void eachRow(List<Row> rows, BiConsumer<Optional<Row>, Row> action) {
        for (int methods : new TreeSet<>(rows.stream().map(Row::methods).toList())) {
            Optional<Row> plain = find(rows, Flavour.PLAIN, methods);
            for (Flavour flavour : Flavour.values()) {
                find(rows, flavour, methods).ifPresent(r -> action.accept(plain, r));
            }
        }
    }

    /** The section, from {@link #BEGIN} to {@link #END}; {@code setting} describes the machine, JVMs and load. */
    static String markdown(List<Row> rows, List<Breakers> breakers, String setting) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append('\n')
                .append("## Start-up and footprint\n\n")
                .append("Written by `benchmarks/startup.sh` (`dev.steadfast.benchmarks.startup.StartupBenchmark`; or "
                        + "`benchmarks/run.sh startup`). ").append(setting).append("\n\n")
                .append("Weld SE applications of N application-scoped beans' methods (10 per class), generated and "
                        + "compiled by the benchmark, in four flavours over the same plain beans: *plain* (no "
                        + "fault-tolerance annotation or extension), *interceptor* (every method bound to one "
                        + "interceptor that only proceeds: the container's own cost of intercepting that many methods, "
                        + "the floor under any interceptor-based library), *steadfast* (`@Retry @CircuitBreaker @Timeout "
                        + "@Fallback` on every method, Steadfast's extension) and *smallrye* (the same policies with the "
                        + "MicroProfile annotations, SmallRye Fault Tolerance's and SmallRye Config's extensions). Each "
                        + "number is the median of fresh JVMs; *added* is over *plain* at the same N.\n\n")
                .append("- **start-up**: `new Weld(...)` … `initialize()`, wall time (discovery disabled, bean classes "
                        + "loaded beforehand).\n")
                .append("- **heap**: used heap after full GCs (Serial GC) with the container referenced, after start-up "
                        + "and again after the first calls; per guarded method. *own*: of that, the instances of the "
                        + "library's own classes (`dev.steadfast.*`, `io.smallrye.faulttolerance.*`; shallow sizes from "
                        + "a class histogram, so not the arrays, strings and adders they hold). The rest is the "
                        + "container's model of the intercepted beans and the JDK's annotation instances, which every "
                        + "annotation-driven library pays.\n")
                .append("- **first calls**: one call of every guarded method through its bean's client proxy (the "
                        + "bean is created by its first call in every flavour).\n")
                .append("- **WELD-000411**: whether Weld logged it (an extension observing every annotated type) in "
                        + "any run.\n\n");

        b.append("| methods | flavour | start-up | added | heap / method, added | own | first calls | added | "
                + "heap / method after first calls, added | WELD-000411 |\n")
                .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
        eachRow(rows, (plain, r) -> {
            boolean baseline = r.flavour() == Flavour.PLAIN || plain.isEmpty();
            b.append(String.format(Locale.ROOT, "| %,d | %s | %.0f ms | %s | %s | %s | %.0f ms | %s | %s | %s |%n",
                    r.methods(), r.flavour().label(), r.startupMs(),
                    baseline ? "" : String.format(Locale.ROOT, "%+.0f ms", r.addedStartupMs(plain.get())),
                    baseline ? "" : bytes(r.bytesPerMethod(plain.get())),
                    r.ownAfterStartup() > 0 ? bytes(r.ownBytesPerMethod()) : "",
                    r.firstCallsMs(),
                    baseline ? "" : String.format(Locale.ROOT, "%+.0f ms", r.addedFirstCallsMs(plain.get())),
                    baseline ? "" : bytes(r.bytesPerMethodAfterCalls(plain.get())),
                    r.weld411() ? "yes" : "no"));
        });

        b.append("\nWhere the start-up goes: each phase's median (ms), and for the fault-tolerance flavours what it adds "
                + "over *plain* (the medians of the phases need not add up to the median of the whole). A phase "
                + "begins with the first observer of its container lifecycle event (`PhaseProbe`, in every flavour): "
                + "*bootstrap* `new Weld` → `BeforeBeanDiscovery`; *types* → `AfterTypeDiscovery` (BBD observers, every "
                + "`ProcessAnnotatedType`: Steadfast's `bindGuardedMethods`); *beans* → `AfterBeanDiscovery` (bean "
                + "deployment, every `ProcessManagedBean`: Steadfast's `planGuardedMethods`); *validation* → "
                + "`AfterDeploymentValidation` (ABD observers, validation); *ready* → `initialize()` returns (ADV "
                + "observers: Steadfast's `buildChains`).\n\n")
                .append("| methods | flavour |");
        for (String name : PhaseProbe.Phases.NAMES) {
            b.append(' ').append(name).append(" |");
        }
        b.append("\n|---:|---|").append("---:|".repeat(PhaseProbe.Phases.NAMES.length)).append('\n');
        eachRow(rows, (plain, r) -> {
            b.append(String.format(Locale.ROOT, "| %,d | %s |", r.methods(), r.flavour().label()));
            for (int p = 0; p < PhaseProbe.Phases.NAMES.length; p++) {
                b.append(String.format(Locale.ROOT, " %.0f", r.phasesMs()[p]));
                if (r.flavour() != Flavour.PLAIN && plain.isPresent()) {
                    b.append(String.format(Locale.ROOT, " (%+.0f)", r.addedPhaseMs(plain.get(), p)));
                }
                b.append(" |");
            }
            b.append('\n');
        });

        if (!breakers.isEmpty()) {
            b.append("\nPer CLOSED circuit breaker: (used heap after full GCs with ")
                    .append(String.format(Locale.ROOT, "%,d", breakers.get(0).count()))
                    .append(" breakers kept, each after 20 successful calls − before) / count; the median of ")
                    .append(breakers.get(0).runs()).append(" fresh JVMs. Counted: each breaker and what it allocates "
                            + "for itself; not its name, nor what breakers share (policy or config, clock, timer, "
                            + "engine). *steadfast*: the engine's `Breaker` (what an annotated method's breaker "
                            + "keeps); *steadfast-guard*: a programmatic `Guard` with its own breaker (guard, chain, "
                            + "its policy, its registry entry besides); *resilience4j*: `CircuitBreaker.of(name, "
                            + "config)`, count-based window of 20, the same thresholds.\n\n")
                    .append("| breaker | heap / breaker |\n|---|---:|\n");
            for (Breakers k : breakers) {
                b.append(String.format(Locale.ROOT, "| %s | %s |%n", k.kind(), bytes(k.bytesPerBreaker())));
            }
        }

        b.append("\n").append(targets(rows, breakers)).append('\n').append(END).append('\n');
        return b.toString();
    }

    /** The targets of issue 20, met or missed, with the measured numbers. */
    static String targets(List<Row> rows, List<Breakers> breakers) {
        List<String[]> lines = new ArrayList<>();
        Optional<Row> plain = find(rows, Flavour.PLAIN, TARGET_METHODS);
        Optional<Row> steadfast = find(rows, Flavour.STEADFAST, TARGET_METHODS);
        Optional<Row> smallrye = find(rows, Flavour.SMALLRYE, TARGET_METHODS);
        if (plain.isPresent() && steadfast.isPresent() && smallrye.isPresent()) {
            double ratio = steadfast.get().addedStartupMs(plain.get()) / smallrye.get().addedStartupMs(plain.get());
            lines.add(new String[] {"added start-up ≤ 0.5× SmallRye's at 1,000 methods",
                    String.format(Locale.ROOT, "%.2f× (%+.0f ms vs %+.0f ms)", ratio,
                            steadfast.get().addedStartupMs(plain.get()), smallrye.get().addedStartupMs(plain.get())),
                    met(ratio <= TARGET_STARTUP_RATIO && ratio >= 0)});
            find(rows, Flavour.INTERCEPTOR, TARGET_METHODS).ifPresent(floor -> {
                double own = steadfast.get().startupMs() - floor.startupMs();
                double theirs = smallrye.get().startupMs() - floor.startupMs();
                lines.add(new String[] {"(the same over one no-op interceptor on every method: each library's own "
                        + "part)", String.format(Locale.ROOT, "%.2f× (%+.0f ms vs %+.0f ms; the interception "
                        + "itself %+.0f ms)", own / theirs, own, theirs, floor.addedStartupMs(plain.get())),
                        met(own / theirs <= TARGET_STARTUP_RATIO && own / theirs >= 0)});
            });
        }
        for (Row r : rows) {
            if (r.flavour() != Flavour.STEADFAST) {
                continue;
            }
            find(rows, Flavour.PLAIN, r.methods()).ifPresent(p -> lines.add(new String[] {
                    String.format(Locale.ROOT, "≤ 1 KB retained per guarded method (%,d methods)", r.methods()),
                    bytes(r.bytesPerMethod(p)) + (r.ownAfterStartup() > 0 ? ", of which Steadfast's own objects "
                            + bytes(r.ownBytesPerMethod()) : ""),
                    met(r.bytesPerMethod(p) <= TARGET_BYTES_PER_METHOD)}));
        }
        breakers.stream().filter(k -> k.kind().equals("steadfast")).findFirst().ifPresent(k -> lines.add(
                new String[] {"≤ 300 B per CLOSED breaker", bytes(k.bytesPerBreaker()),
                        met(k.bytesPerBreaker() <= TARGET_BYTES_PER_BREAKER)}));
        boolean logged = rows.stream().anyMatch(r -> r.flavour() == Flavour.STEADFAST && r.weld411());
        if (rows.stream().anyMatch(r -> r.flavour() == Flavour.STEADFAST)) {
            lines.add(new String[] {"no WELD-000411 from Steadfast's extension", logged ? "logged" : "not logged",
                    met(!logged)});
        }
        StringBuilder b = new StringBuilder("Targets (issue 20), Steadfast:\n\n| target | measured | met |\n"
                + "|---|---:|:---:|\n");
        for (String[] line : lines) {
            b.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
        return b.toString();
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String bytes(double bytes) {
        return Math.abs(bytes) >= 10_240
                ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024)
                : String.format(Locale.ROOT, "%,.0f B", bytes);
    }

    /** Replaces the section between the markers in {@code file}, or appends it; the rest of the file is kept. */
    static void write(Path file, String section) throws IOException {
        Sections.write(file, BEGIN, END, section);
    }

    /** Groups measurements by flavour and size, in the order they came. */
    static List<Row> rows(List<Measurement> measurements) {
        Map<String, List<Measurement>> groups = new java.util.LinkedHashMap<>();
        for (Measurement m : measurements) {
            groups.computeIfAbsent(m.flavour() + "/" + m.methods(), k -> new ArrayList<>()).add(m);
        }
        return groups.values().stream().map(Row::of).toList();
    }
}
