package dev.steadfast.demo;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitState;
import dev.steadfast.demo.Timeline.Mark;
import dev.steadfast.demo.Timeline.Outcome;
import dev.steadfast.console.ConsoleExtension;
import dev.steadfast.impl.cdi.SteadfastExtension;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The demo: starts a flaky HTTP service and a Weld SE container, lets client threads call the service through the
 * Steadfast-guarded {@link QuoteClient} while the service follows its {@link Scenario}, shows it live, and ends with a
 * summary and an HTML report. Exits with 1 when a request is not accounted for, 2 on a bad option.
 */
public final class Main {

    private static final String USAGE = """
            Usage: java -jar steadfast-demo.jar [options]
              --duration <seconds>  how long the scenario runs (default 60, at least 5)
              --clients <n>         client threads calling the service (default 12)
              --scenario <phases>   phase:weight,... played in order, weights scaled to the duration
                                    (default %s)
                                    phases: healthy, slow, failing, down, recovering
              --report <file>       where to write the HTML report (default: steadfast-demo-report.html next to
                                    the jar)
              --console             serve the live Steadfast console while the demo runs, and print its URL
              --nodes <n>           run n instances of the client (2 to 9), each its own container, sharing one
                                    fleet-wide quota and breaker (default 1: a single instance, no cluster)
              --cluster <backend>   with --nodes: hazelcast (default; members in this JVM) or redis (starts
                                    redis-server from the PATH on a free loopback port)
              --help                this text
            Steadfast's thresholds are in META-INF/microprofile-config.properties; override any of them with
            -D<key>=<value> before -jar, e.g. java '-Dsteadfast.circuit-breaker."quotes".delay=5s' -jar ...
            """.formatted(Scenario.DEFAULT);

    /** The command line, checked. */
    record Options(int durationSeconds, int clients, Scenario scenario, Path report, boolean console, int nodes,
            String cluster) {

        /**
         * @return the options, or {@code null} for {@code --help}
         * @throws IllegalArgumentException naming the option that is wrong
         */
        static Options parse(String... args) {
            int duration = 60;
            int clients = 12;
            String scenario = Scenario.DEFAULT;
            Path report = null;
            boolean console = false;
            int nodes = 1;
            String cluster = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    return null;
                }
                if (name.equals("--console")) {
                    console = true;
                    continue;
                }
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("Unknown option or missing value: " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--duration" -> duration = number(name, value, 5);
                    case "--clients" -> clients = number(name, value, 1);
                    case "--scenario" -> scenario = value;
                    case "--report" -> report = Path.of(value);
                    case "--nodes" -> nodes = number(name, value, 1);
                    case "--cluster" -> cluster = value;
                    default -> throw new IllegalArgumentException("Unknown option: " + name);
                }
            }
            if (nodes > 9) {
                throw new IllegalArgumentException("--nodes needs a whole number from 1 to 9: " + nodes);
            }
            if (cluster != null && nodes == 1) {
                throw new IllegalArgumentException("--cluster needs --nodes 2 or more: " + cluster);
            }
            if (cluster != null && !FleetBackend.NAMES.contains(cluster)) {
                throw new IllegalArgumentException("--cluster needs one of " + FleetBackend.NAMES + ": " + cluster);
            }
            if (console && nodes > 1) {
                throw new IllegalArgumentException("--console shows one instance; it does not go with --nodes "
                        + nodes);
            }
            return new Options(duration, clients, Scenario.parse(scenario, duration * 1000L),
                    report != null ? report : defaultReport(), console, nodes,
                    cluster != null ? cluster : "hazelcast");
        }

        private static int number(String name, String value, int min) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " needs a whole number of at least " + min + ": " + value);
        }

        /** Next to the jar (examples/demo/target/), or in the working directory when not run from a jar. */
        private static Path defaultReport() {
            Path report = Path.of("steadfast-demo-report.html");
            CodeSource code = Main.class.getProtectionDomain().getCodeSource();
            try {
                Path jar = code == null ? null : Path.of(code.getLocation().toURI());
                return jar != null && jar.toString().endsWith(".jar") ? jar.resolveSibling(report) : report;
            } catch (URISyntaxException notAFile) {
                return report;
            }
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        Path log = logTo(options.report().toAbsolutePath().resolveSibling("steadfast-demo.log"));
        if (options.nodes() > 1) {
            FleetRun.Result fleet;
            try {
                fleet = FleetRun.run(options, System.out);
            } catch (IllegalStateException cannotStart) {
                System.err.println(cannotStart.getMessage());
                System.exit(2);
                return;
            }
            Path report = HtmlReport.writeFleet(options.report(), options.scenario(), options.clients(),
                    FleetRun.htmlTable(fleet), FleetRun.timelines(fleet));
            FleetRun.printSummary(options, fleet, System.out);
            System.out.println();
            System.out.println("Report: " + report);
            System.out.println("Log:    " + log);
            System.exit(fleet.allAccounted() ? 0 : 1);
            return;
        }
        Timeline timeline = run(options, System.out, System.console() != null);
        Path report = HtmlReport.write(options.report(), options.scenario(), options.clients(), timeline);
        printSummary(options, timeline, System.out);
        System.out.println();
        System.out.println("Report: " + report);
        System.out.println("Log:    " + log);
        System.exit(timeline.unaccounted() == 0 ? 0 : 1);
    }

    /**
     * Plays the scenario against a fresh server and container, showing it on {@code out}, and returns the record of
     * the run once every client has stopped.
     */
    static Timeline run(Options options, PrintStream out, boolean ansi) throws Exception {
        // Discovery is off and the beans are named: in a fat jar every class sits in one archive, and scanning it
        // would find steadfast-impl's interceptor besides the one its extension registers. With discovery off, Weld
        // loads no extension from META-INF/services either, so Steadfast's is added here.
        SeContainerInitializer weld = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addBeanClasses(QuoteClient.class, Timeline.class)
                .addExtensions(new SteadfastExtension());
        if (options.console()) {
            weld.addExtensions(new ConsoleExtension()); // registers the console's beans and its observer
        }
        try (SeContainer container = weld.initialize(); FlakyServer server = FlakyServer.start();
             ConsoleServer console = options.console() ? ConsoleServer.start(container) : null) {
            if (console != null) {
                out.printf("Steadfast console: %s (open it in a browser while the demo runs)%n", console.uri());
            }
            QuoteClient quotes = container.select(QuoteClient.class).get();
            quotes.connectTo(server.uri());
            Timeline timeline = container.select(Timeline.class).get();
            CircuitBreakerHandle breaker = container.select(CircuitBreakers.class).get().get(QuoteClient.BREAKER);
            out.printf("Quote service on %s; %d clients for %d s; scenario %s%n", server.uri(), options.clients(),
                    options.durationSeconds(), options.scenario());
            LoadDriver driver = new LoadDriver(options.scenario(), server, quotes, timeline, options.clients());
            driver.warmUp();
            try (TerminalView view = new TerminalView(timeline, breaker, options.durationSeconds(), out, ansi)) {
                view.start();
                driver.run();
            }
            return timeline;
        }
    }

    static void printSummary(Options options, Timeline timeline, PrintStream out) {
        long sent = timeline.sent();
        out.printf("%nSteadfast demo: %d s, %d clients, scenario %s%n%n", options.durationSeconds(), options.clients(),
                options.scenario());
        out.printf("  %-18s%7d%n", "requests sent", sent);
        outcome(out, timeline, sent, Outcome.SUCCEEDED, "succeeded", "fresh answers from the service");
        outcome(out, timeline, sent, Outcome.FELL_BACK, "fell back", "cached answers from @Fallback");
        outcome(out, timeline, sent, Outcome.REJECTED, "rejected", "breaker or bulkhead, nothing recent cached");
        outcome(out, timeline, sent, Outcome.FAILED, "failed", "retries spent or timed out, nothing recent cached");
        long unaccounted = timeline.unaccounted();
        out.printf("  %-18s%7d of %d   %s%n%n", "accounted for", sent - unaccounted, sent,
                unaccounted == 0 ? "OK" : "MISSING " + unaccounted);
        out.printf("  %-18s%7d%s%n", "fallback events", timeline.fallbacksAnnounced(),
                fallbackCauses(timeline));
        out.printf("  %-18s%7d%n", "retries", timeline.retries());
        out.printf("  %-18s%7d by the breaker, %d by the bulkhead%n", "rejections",
                timeline.rejections(CallRejected.Reason.CIRCUIT_OPEN),
                timeline.rejections(CallRejected.Reason.BULKHEAD_FULL));
        out.printf("  %-18s%s%n", "breaker '" + QuoteClient.BREAKER + "'", breakerStory(timeline.breakerStates()));
        out.printf("  %-18sp50 %s ms, p99 %s ms%n", "latency", TerminalView.millis(timeline.latencyMillis(0.5)),
                TerminalView.millis(timeline.latencyMillis(0.99)));
    }

    /** {@code   by cause: CircuitOpenException 120, RetryExhaustedException 30}, or nothing without fallbacks. */
    static String fallbackCauses(Timeline timeline) {
        Map<String, Long> byCause = timeline.fallbacksByCause();
        if (byCause.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("  by cause: ");
        byCause.forEach((cause, n) -> b.append(cause).append(' ').append(n).append(", "));
        return b.substring(0, b.length() - 2);
    }

    private static void outcome(PrintStream out, Timeline timeline, long sent, Outcome outcome, String name,
            String meaning) {
        long n = timeline.count(outcome);
        out.printf(Locale.ROOT, "    %-16s%7d  %5.1f %%  %s%n", name, n, sent == 0 ? 0.0 : 100.0 * n / sent,
                meaning);
    }

    private static String breakerStory(List<Mark<CircuitState>> states) {
        long opened = states.stream().filter(m -> m.value() == CircuitState.OPEN).count();
        if (opened == 0) {
            return "stayed CLOSED";
        }
        Mark<CircuitState> firstOpen = states.stream().filter(m -> m.value() == CircuitState.OPEN).findFirst()
                .orElseThrow();
        Mark<CircuitState> last = states.get(states.size() - 1);
        return String.format(Locale.ROOT, "opened %d time%s, first at %.1f s; %s since %.1f s", opened,
                opened == 1 ? "" : "s", firstOpen.atMillis() / 1000.0, last.value(), last.atMillis() / 1000.0);
    }

    /** Sends every log record (Weld's and Steadfast's) to {@code file}, so they do not scroll over the live view. */
    private static Path logTo(Path file) throws IOException {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        Files.createDirectories(file.getParent());
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        FileHandler handler = new FileHandler(file.toString(), false);
        handler.setFormatter(new SimpleFormatter());
        root.addHandler(handler);
        return file;
    }
}
