package dev.steadfast.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns JMH JSON results (one file per thread count) into {@code RESULTS.md}: the machine, the JDK and the date, the
 * targets with the ratios that decide them, tables per scenario with the ratios to the other libraries, the CDI path
 * against its floor, and every raw result.
 *
 * <p>Usage: {@code java -cp ... dev.steadfast.benchmarks.report.Report RESULTS.md results-t1.json results-t2.json}
 */
public final class Report {

    /** The sections kept when the file is rewritten: written by other scripts or runs, each between its markers. */
    private static final String[] KEPT = {"retry-budget", "adaptive-sim", "timer-scale", "cluster-quota", "startup"};

    /**
     * The sections other runs keep in the file (the single retry-budget JMH run, the adaptive-limit simulation written
     * by adaptive-sim.sh, the start-up benchmark written by startup.sh), each from {@code <!-- name:begin -->} to
     * {@code <!-- name:end -->}, so that rewriting the JMH tables leaves them in place.
     */
    static String kept(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file);
        StringBuilder kept = new StringBuilder();
        for (String name : KEPT) {
            String end = "<!-- " + name + ":end -->";
            int begin = text.indexOf("<!-- " + name + ":begin -->");
            int stop = text.indexOf(end);
            if (begin >= 0 && stop > begin) {
                kept.append('\n').append(text, begin, stop + end.length()).append('\n');
            }
        }
        return kept.toString();
    }

    private static final String PACKAGE = "dev.steadfast.benchmarks.";

    /** An allocation below this many bytes per call means no object per call: the smallest object has 16 bytes. */
    private static final double ZERO_BYTES = 1.0;

    private static final String[] LIBRARIES = {"steadfast", "resilience4j", "smallrye", "failsafe"};

    private static final String[][] HAPPY = {
            {"BreakerBenchmark", "closed circuit breaker"},
            {"RetryBenchmark", "retry, no failure"},
            {"TimeoutBenchmark", "timeout"},
            {"BulkheadBenchmark", "bulkhead"},
            {"RateLimitBenchmark", "rate limit"},
            {"FullStackBenchmark", "full stack (+ fallback)"},
    };

    private static final String[][] FAILING = {
            {"OpenBreakerBenchmark", "rejected by an open breaker"},
            {"FullBulkheadBenchmark", "rejected by a full bulkhead"},
    };

    /** One benchmark at one thread count. */
    record Result(String name, int threads, double ns, double nsError, double bytes, Map<String, Object> raw) {
    }

    private final Map<String, Result> results = new TreeMap<>();
    private final TreeSet<Integer> threadCounts = new TreeSet<>();
    private Map<String, Object> sample;
    private Instant finished = Instant.EPOCH;

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Report <RESULTS.md> <jmh-result.json>...");
            System.exit(2);
        }
        Report report = new Report();
        for (int i = 1; i < args.length; i++) {
            report.read(Path.of(args[i]));
        }
        Files.writeString(Path.of(args[0]), report.markdown() + kept(Path.of(args[0])));
        System.out.println("Wrote " + args[0] + " from " + report.results.size() + " results");
    }

    @SuppressWarnings("unchecked")
    void read(Path file) throws IOException {
        Instant written = Files.getLastModifiedTime(file).toInstant();
        finished = written.isAfter(finished) ? written : finished;
        Object parsed = Json.parse(Files.readString(file));
        for (Object o : (List<Object>) parsed) {
            Map<String, Object> entry = (Map<String, Object>) o;
            String name = name(entry);
            int threads = ((Number) entry.get("threads")).intValue();
            Map<String, Object> primary = (Map<String, Object>) entry.get("primaryMetric");
            Map<String, Object> secondary = (Map<String, Object>) entry.get("secondaryMetrics");
            double bytes = Double.NaN;
            if (secondary != null && secondary.get("gc.alloc.rate.norm") instanceof Map<?, ?> norm) {
                bytes = number(norm.get("score"));
            }
            results.put(key(name, threads), new Result(name, threads, number(primary.get("score")),
                    number(primary.get("scoreError")), bytes, entry));
            threadCounts.add(threads);
            sample = entry;
        }
    }

    /**
     * The name the tables use: {@code Class.method}, or {@code Class.library} for a scenario of the four libraries
     * ({@code LibraryBenchmark}), whose one benchmark method runs once per value of the {@code library} parameter.
     */
    static String name(Map<String, Object> entry) {
        String name = ((String) entry.get("benchmark")).replace(PACKAGE, "").replace("cdi.", "");
        if (entry.get("params") instanceof Map<?, ?> params && params.get("library") instanceof String library) {
            return name.substring(0, name.lastIndexOf('.') + 1) + library;
        }
        return name;
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN; // JMH writes "NaN" as a string when it cannot compute an error
    }

    private static String key(String name, int threads) {
        return name + "@" + threads;
    }

    private Optional<Result> get(String name, int threads) {
        return Optional.ofNullable(results.get(key(name, threads)));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `benchmarks/run.sh` (see `benchmarks/README.md` for what each benchmark measures and how ")
                .append("the libraries are configured alike). Times are JMH average time per call, in ns; ")
                .append("allocation is `-prof gc`'s `gc.alloc.rate.norm`, in bytes per call; ± is JMH's 99.9 % ")
                .append("confidence half-width over the measurement iterations. Ratios below 1 mean Steadfast is ")
                .append("faster.\n\n");
        header(md);
        missing(md);
        targets(md);
        comparison(md, "Programmatic API, happy path", HAPPY, true);
        comparison(md, "Failing path: the cost of a rejected call", FAILING, false);
        cdi(md);
        all(md);
        return md.toString();
    }

    private void header(StringBuilder md) {
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(finished.atZone(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'"))).append(" (when the run finished) |\n");
        md.append("| machine | ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memory()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(" |\n");
        if (sample != null) {
            md.append("| JDK | ").append(sample.get("vmName")).append(' ').append(sample.get("vmVersion"))
                    .append(" (").append(sample.get("jdkVersion")).append(") |\n");
            md.append("| JMH | ").append(sample.get("jmhVersion")).append(", ")
                    .append(intOf(sample.get("forks"))).append(" fork per benchmark, ")
                    .append(intOf(sample.get("warmupIterations"))).append(" × ").append(sample.get("warmupTime"))
                    .append(" warm-up, ").append(intOf(sample.get("measurementIterations"))).append(" × ")
                    .append(sample.get("measurementTime")).append(" measurement, threads ")
                    .append(threadCounts).append(", `-prof gc` |\n");
        }
        md.append('\n');
    }

    private static String intOf(Object o) {
        return o instanceof Number n ? Integer.toString(n.intValue()) : String.valueOf(o);
    }

    private static String cpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memory() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB RAM")
                    .orElse("memory unknown");
        } catch (IOException | RuntimeException e) {
            return "memory unknown";
        }
    }

    /**
     * Names every expected benchmark that has no result at some thread count, among the benchmark classes this run
     * measured at all: it failed. (A class with no result anywhere was not selected, as in {@code run.sh 'Retry'}.)
     */
    private void missing(StringBuilder md) {
        List<String> expected = new ArrayList<>(List.of("DirectCallBenchmark.direct", "DirectCallBenchmark.nanoTime",
                "DirectCallBenchmark.twoNanoTimes", "DirectCallBenchmark.threeNanoTimes",
                "CdiBenchmark.plain", "CdiBenchmark.emptyInterceptor", "CdiBenchmark.steadfast",
                "CdiBenchmark.smallrye"));
        for (String[][] group : new String[][][] {HAPPY, FAILING}) {
            for (String[] scenario : group) {
                for (String lib : LIBRARIES) {
                    expected.add(scenario[0] + "." + lib);
                }
            }
        }
        List<String> measuredClasses = new ArrayList<>();
        for (String name : expected) {
            String cls = name.substring(0, name.indexOf('.'));
            if (!measuredClasses.contains(cls) && threadCounts.stream().anyMatch(t -> get(name, t).isPresent())) {
                measuredClasses.add(cls);
            }
        }
        List<String> absent = new ArrayList<>();
        for (int t : threadCounts) {
            for (String name : expected) {
                if (measuredClasses.contains(name.substring(0, name.indexOf('.'))) && get(name, t).isEmpty()) {
                    absent.add("`" + name + "` at " + t + (t == 1 ? " thread" : " threads"));
                }
            }
        }
        if (!absent.isEmpty()) {
            md.append("**No result** (shown as –) for ").append(String.join(", ", absent))
                    .append(": the benchmark failed in this run; its error is in `benchmarks/target/jmh/log-t<threads>.txt`")
                    .append(" (every benchmark checks its guard in set-up, and JMH stops a benchmark at the first")
                    .append(" exception of a measured call).\n\n");
        }
    }

    // ---- targets

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n");
        md.append("Each target is decided by this run's numbers; \"0 B/op\" means below ").append(fmt(ZERO_BYTES))
                .append(" B per call (no object per call: the smallest object takes 16 B), and \"≤ 48 B/op\" below ")
                .append("48 + ").append(fmt(ZERO_BYTES)).append(" B (JMH's average adds a fraction of a byte of ")
                .append("background allocation to every call; one more object would add at least 16 B).\n\n");
        md.append("| target | threads | measured | limit | met |\n|---|---:|---:|---:|:---:|\n");
        for (int t : threadCounts) {
            ratioTarget(md, "closed breaker: time ≤ 0.5 × Resilience4j's", "BreakerBenchmark.steadfast",
                    "BreakerBenchmark.resilience4j", t, 0.5);
            bytesTarget(md, "closed breaker: 0 B/op", "BreakerBenchmark.steadfast", t, ZERO_BYTES, "0");
            ratioTarget(md, "retry without failure: time ≤ Resilience4j's", "RetryBenchmark.steadfast",
                    "RetryBenchmark.resilience4j", t, 1.0);
            bytesTarget(md, "retry without failure: 0 B/op", "RetryBenchmark.steadfast", t, ZERO_BYTES, "0");
            ratioTarget(md, "timeout: time ≤ 0.15 × SmallRye's", "TimeoutBenchmark.steadfast",
                    "TimeoutBenchmark.smallrye", t, 0.15);
            bytesTarget(md, "timeout: ≤ 48 B/op", "TimeoutBenchmark.steadfast", t, 48, "48");
            ratioTarget(md, "full stack: time ≤ 0.1 × SmallRye's Guard", "FullStackBenchmark.steadfast",
                    "FullStackBenchmark.smallrye", t, 0.1);
            bytesTarget(md, "full stack: ≤ 48 B/op", "FullStackBenchmark.steadfast", t, 48, "48");
            Optional<Result> s = get("CdiBenchmark.steadfast", t);
            Optional<Result> floor = get("CdiBenchmark.emptyInterceptor", t);
            if (s.isPresent() && floor.isPresent()) {
                double over = s.get().ns() - floor.get().ns();
                row(md, "CDI full stack: time ≤ empty interceptor + 150 ns", t, signed(over) + " ns",
                        "+150 ns", over <= 150);
            }
            ratioTarget(md, "CDI full stack: time ≤ 0.2 × SmallRye's CDI", "CdiBenchmark.steadfast",
                    "CdiBenchmark.smallrye", t, 0.2);
        }
        md.append('\n');
        clockFloor(md);
    }

    /**
     * What the clock alone costs the timed scenarios on this machine: a timeout reads it twice per call, the full
     * stack three times ({@code DirectCallBenchmark.twoNanoTimes}, {@code threeNanoTimes}). A target below its floor
     * cannot be met here, however little the rest costs.
     */
    private void clockFloor(StringBuilder md) {
        if (threadCounts.stream().noneMatch(t -> get("DirectCallBenchmark.twoNanoTimes", t).isPresent())) {
            return;
        }
        md.append("### The clock's floor\n\n");
        md.append("A synchronous timeout reads `System.nanoTime()` twice per call (its start, and the check on ")
                .append("return), the full stack three times (the retry's start, then the timeout's two). These rows ")
                .append("put the clock reads alone, measured in this run (`DirectCallBenchmark.twoNanoTimes`, ")
                .append("`threeNanoTimes`), against the same limits: where the floor is above the limit, the target ")
                .append("cannot be met on this machine. (The reads cost more per read as the machine gets busier, and ")
                .append("each row is its own fork, run at its own moment: compare the floor with the target's own ")
                .append("row of the same run, not across runs.)\n\n");
        md.append("| target | threads | clock reads alone | limit | reachable here |\n|---|---:|---:|---:|:---:|\n");
        for (int t : threadCounts) {
            floorRatio(md, "timeout ≤ 0.15 × SmallRye's", "DirectCallBenchmark.twoNanoTimes", "2",
                    "TimeoutBenchmark.smallrye", t, 0.15);
            floorRatio(md, "full stack ≤ 0.1 × SmallRye's Guard", "DirectCallBenchmark.threeNanoTimes", "3",
                    "FullStackBenchmark.smallrye", t, 0.1);
        }
        md.append('\n');
    }

    private void floorRatio(StringBuilder md, String label, String floor, String reads, String theirs, int t,
            double limit) {
        Optional<Result> a = get(floor, t);
        Optional<Result> b = get(theirs, t);
        if (a.isPresent() && b.isPresent()) {
            double ratio = a.get().ns() / b.get().ns();
            row(md, label, t, reads + " reads: " + fmt(ratio) + "× (" + fmt(a.get().ns()) + " / " + fmt(b.get().ns())
                    + " ns)", fmt(limit) + "×", ratio <= limit);
        }
    }

    private void ratioTarget(StringBuilder md, String label, String ours, String theirs, int t, double limit) {
        Optional<Result> a = get(ours, t);
        Optional<Result> b = get(theirs, t);
        if (a.isPresent() && b.isPresent()) {
            double ratio = a.get().ns() / b.get().ns();
            row(md, label, t, fmt(ratio) + "× (" + fmt(a.get().ns()) + " / " + fmt(b.get().ns()) + " ns)",
                    fmt(limit) + "×", ratio <= limit);
        }
    }

    private void bytesTarget(StringBuilder md, String label, String ours, int t, double limit, String shown) {
        get(ours, t).ifPresent(r -> row(md, label, t, fmt(r.bytes()) + " B/op", shown + " B/op",
                r.bytes() < (limit == ZERO_BYTES ? limit : limit + ZERO_BYTES)));
    }

    private static void row(StringBuilder md, String label, int threads, String measured, String limit, boolean met) {
        md.append("| ").append(label).append(" | ").append(threads).append(" | ").append(measured).append(" | ")
                .append(limit).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    // ---- comparisons

    private void comparison(StringBuilder md, String title, String[][] scenarios, boolean withAnchor) {
        md.append("## ").append(title).append("\n\n");
        for (int t : threadCounts) {
            md.append("### ").append(t).append(t == 1 ? " thread" : " threads").append("\n\n");
            md.append("| scenario | Steadfast | Resilience4j | SmallRye | Failsafe | Steadfast ÷ Resilience4j ")
                    .append("| Steadfast ÷ SmallRye | Steadfast ÷ Failsafe |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            if (withAnchor) {
                get("DirectCallBenchmark.direct", t).ifPresent(r -> md.append("| direct call (anchor) | ")
                        .append(cell(r)).append(" | | | | | | |\n"));
                get("DirectCallBenchmark.nanoTime", t).ifPresent(r -> md.append("| one `System.nanoTime()` ")
                        .append("(anchor) | ").append(cell(r)).append(" | | | | | | |\n"));
                get("DirectCallBenchmark.twoNanoTimes", t).ifPresent(r -> md.append("| two `System.nanoTime()` ")
                        .append("(a timeout's floor) | ").append(cell(r)).append(" | | | | | | |\n"));
                get("DirectCallBenchmark.threeNanoTimes", t).ifPresent(r -> md.append("| three ")
                        .append("`System.nanoTime()` (the full stack's floor) | ").append(cell(r))
                        .append(" | | | | | | |\n"));
            }
            for (String[] s : scenarios) {
                Optional<Result> ours = get(s[0] + ".steadfast", t);
                md.append("| ").append(s[1]);
                for (String lib : LIBRARIES) {
                    md.append(" | ").append(get(s[0] + "." + lib, t).map(Report::cell).orElse("–"));
                }
                for (String lib : new String[] {"resilience4j", "smallrye", "failsafe"}) {
                    md.append(" | ").append(ratio(ours, get(s[0] + "." + lib, t)));
                }
                md.append(" |\n");
            }
            md.append('\n');
        }
    }

    private void cdi(StringBuilder md) {
        md.append("## CDI on Weld SE, happy path\n\n");
        md.append("Through the client proxy of an application-scoped bean. The floor is the same bean with one empty ")
                .append("interceptor; Steadfast's and SmallRye's full stacks are retry, breaker, timeout, bulkhead and ")
                .append("a fallback method, each library in its own container.\n\n");
        md.append("| threads | plain bean | empty interceptor (floor) | Steadfast | SmallRye FT | Steadfast − floor ")
                .append("| Steadfast ÷ SmallRye |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t : threadCounts) {
            Optional<Result> ours = get("CdiBenchmark.steadfast", t);
            Optional<Result> floor = get("CdiBenchmark.emptyInterceptor", t);
            md.append("| ").append(t);
            for (String b : new String[] {"plain", "emptyInterceptor", "steadfast", "smallrye"}) {
                md.append(" | ").append(get("CdiBenchmark." + b, t).map(Report::cell).orElse("–"));
            }
            md.append(" | ").append(ours.isPresent() && floor.isPresent()
                    ? signed(ours.get().ns() - floor.get().ns()) + " ns" : "–");
            md.append(" | ").append(ratio(ours, get("CdiBenchmark.smallrye", t))).append(" |\n");
        }
        md.append('\n');
    }

    private void all(StringBuilder md) {
        md.append("## Every result\n\n| benchmark | threads | ns/op | ± | B/op |\n|---|---:|---:|---:|---:|\n");
        List<Result> sorted = new ArrayList<>(results.values());
        sorted.sort((a, b) -> a.name().equals(b.name()) ? Integer.compare(a.threads(), b.threads())
                : a.name().compareTo(b.name()));
        for (Result r : sorted) {
            md.append("| ").append(r.name()).append(" | ").append(r.threads()).append(" | ").append(fmt(r.ns()))
                    .append(" | ").append(fmt(r.nsError())).append(" | ").append(fmt(r.bytes())).append(" |\n");
        }
    }

    private static String cell(Result r) {
        return fmt(r.ns()) + " ns · " + fmt(r.bytes()) + " B";
    }

    private static String ratio(Optional<Result> ours, Optional<Result> theirs) {
        if (ours.isEmpty() || theirs.isEmpty()) {
            return "–";
        }
        return fmt(ours.get().ns() / theirs.get().ns()) + "×";
    }

    /** A difference with its sign: +12.3, −4.56. */
    static String signed(double v) {
        return (v < 0 ? "−" : "+") + fmt(Math.abs(v));
    }

    /** Three significant digits, no exponent: 0.0123, 1.23, 12.3, 1234. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 || a == 0 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
