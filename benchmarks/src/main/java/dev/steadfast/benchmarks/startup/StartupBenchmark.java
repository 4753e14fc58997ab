package dev.steadfast.benchmarks.startup;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up and footprint: generates and compiles the applications ({@link AppSources}), measures each flavour and size
 * in fresh JVMs ({@link StartupRun}), then the per-breaker footprint ({@link BreakerFootprint}), and writes its section
 * of {@code RESULTS.md} ({@link StartupReport}). Not a JMH benchmark: what it measures happens once per JVM. Run by
 * {@code benchmarks/startup.sh}.
 *
 * <p>Every child JVM is the parent's {@code java} with {@link #JVM_OPTIONS}, the parent's class path and, for an
 * application, its classes. The runs of one size are interleaved (plain, steadfast, smallrye, plain, …) so that a
 * change in the machine's load spreads over the flavours instead of landing on one.
 *
 * <p>Usage: {@code java -cp <benchmark class path> ...StartupBenchmark <RESULTS.md> <work dir> <runs> <size>...}
 */
public final class StartupBenchmark {

    /**
     * A fixed heap, so no run pays for growing it, and the Serial collector: each {@code System.gc()} is one full,
     * stop-the-world collection, after which the used heap is the live data; one GC thread also suits a shared
     * machine.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g", "-XX:+UseSerialGC");

    /** A child that takes longer is stuck, not slow. */
    private static final long CHILD_TIMEOUT_MINUTES = 10;

    /**
     * {@code -Dstartup.histograms=true}: the first run of every application also writes a class histogram of its heap
     * after start-up beside its log ({@link StartupRun#HISTOGRAM}).
     */
    static final String HISTOGRAMS = "startup.histograms";

    private final Path work;
    private final boolean histograms = Boolean.getBoolean(HISTOGRAMS);
    private final String classpath = System.getProperty("java.class.path");
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    StartupBenchmark(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("Usage: StartupBenchmark <RESULTS.md> <work dir> <runs> <methods>...");
            System.exit(1);
        }
        Path results = Path.of(args[0]);
        int runs = Integer.parseInt(args[2]);
        int[] sizes = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
        StartupBenchmark benchmark = new StartupBenchmark(Path.of(args[1]));
        double loadBefore = load();

        List<Measurement> measurements = new ArrayList<>();
        for (int methods : sizes) {
            for (Flavour flavour : Flavour.values()) {
                benchmark.compile(flavour, methods);
            }
            for (int run = 1; run <= runs; run++) {
                for (Flavour flavour : Flavour.values()) {
                    Measurement m = benchmark.measure(flavour, methods, run);
                    System.out.printf(Locale.ROOT, "%-9s %5d methods, run %d: start-up %6.0f ms, heap %,12d B, "
                                    + "first calls %5.0f ms, heap after %,12d B, WELD-000411 %s%n", flavour.label(),
                            methods, run, m.startupNanos() / 1e6, m.heapAfterStartup(), m.firstCallsNanos() / 1e6,
                            m.heapAfterCalls(), m.weld411());
                    measurements.add(m);
                }
            }
        }

        List<StartupReport.Breakers> breakers = new ArrayList<>();
        for (String kind : BreakerFootprint.KINDS) {
            long[] bytes = new long[runs];
            int count = 0;
            for (int run = 0; run < runs; run++) {
                String line = benchmark.resultLine(List.of(BreakerFootprint.class.getName(), kind),
                        benchmark.classpath(null), "breakers-" + kind + "-" + (run + 1), BreakerFootprint.PREFIX);
                String[] fields = line.split(" ");
                count = Integer.parseInt(fields[2].substring("count=".length()));
                bytes[run] = Long.parseLong(fields[3].substring("bytes=".length()));
                System.out.printf(Locale.ROOT, "%-16s run %d: %,d B for %,d breakers%n", kind, run + 1, bytes[run],
                        count);
            }
            breakers.add(StartupReport.Breakers.of(kind, count, bytes));
        }

        String setting = String.format(Locale.ROOT, "On %s %s, %d cores, run on %s; child JVMs with `%s`; load "
                        + "average %.1f before and %.1f after (the machine is shared: absolute times are noisy).",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), LocalDate.now(ZoneOffset.UTC),
                String.join(" ", JVM_OPTIONS), loadBefore, load());
        String section = StartupReport.markdown(StartupReport.rows(measurements), breakers, setting);
        System.out.print(section);
        StartupReport.write(results, section);
        System.out.println("Wrote the startup section of " + results);
    }

    private Path classes(Flavour flavour, int methods) {
        return work.resolve(flavour.label() + "-" + methods);
    }

    void compile(Flavour flavour, int methods) throws IOException {
        long start = System.nanoTime();
        Path classes = classes(flavour, methods);
        AppSources.compile(AppSources.generate(flavour, methods), classpath, classes);
        System.out.printf(Locale.ROOT, "Compiled %s with %d methods in %.1f s%n", flavour.label(), methods,
                (System.nanoTime() - start) / 1e9);
    }

    Measurement measure(Flavour flavour, int methods, int run) throws IOException, InterruptedException {
        String name = flavour.label() + "-" + methods + "-" + run;
        List<String> mainAndArgs = new ArrayList<>();
        if (histograms && run == 1) {
            mainAndArgs.add("-D" + StartupRun.HISTOGRAM + "=" + work.resolve("logs").resolve(name + ".histogram"));
        }
        mainAndArgs.addAll(List.of(StartupRun.class.getName(), flavour.label(), Integer.toString(methods)));
        String line = resultLine(mainAndArgs, classpath(classes(flavour, methods)), name, StartupRun.PREFIX);
        String output = Files.readString(log(name));
        return Measurement.parse(line, output.contains("WELD-000411"));
    }

    private String classpath(Path extra) {
        return extra == null ? classpath : classpath + File.pathSeparator + extra;
    }

    private Path log(String name) {
        return work.resolve("logs").resolve(name + ".log");
    }

    /**
     * Runs a child JVM ({@code mainAndArgs}: system properties, main class and arguments), its output (both streams) to
     * its log, and returns its line starting with {@code prefix}.
     */
    String resultLine(List<String> mainAndArgs, String childClasspath, String name, String prefix)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(childClasspath);
        command.addAll(mainAndArgs);
        Path log = log(name);
        Files.createDirectories(log.getParent());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!child.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException(name + " did not finish in " + CHILD_TIMEOUT_MINUTES + " min; see " + log);
        }
        List<String> lines = Files.readAllLines(log);
        if (child.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + child.exitValue() + "; see " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst().orElseThrow(
                () -> new IllegalStateException(name + " printed no " + prefix + " line; see " + log));
    }

    /** The system's load average over the last minute, or -1 where the platform has none. */
    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
