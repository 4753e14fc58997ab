package dev.steadfast.benchmarks.startup;

import java.util.Locale;

/**
 * What one fresh JVM measured ({@link StartupRun}), as it travels to the parent in one line of its output.
 *
 * @param startupNanos      wall time of the container's start-up
 * @param heapAfterStartup  used heap after full GCs once started, bytes
 * @param firstCallsNanos   wall time of the first call of every guarded method
 * @param heapAfterCalls    used heap after full GCs after those calls, bytes
 * @param phases            the start-up, phase by phase
 * @param ownAfterStartup   shallow bytes of the instances of the library's own classes after start-up (a class
 *                          histogram; {@link Flavour#owns}), 0 for the flavours without a library
 * @param weld411           whether the JVM's output had Weld's WELD-000411 (an observer of every annotated type);
 *                          the parent sets it from the output, the child always prints {@code false}
 */
public record Measurement(Flavour flavour, int methods, long startupNanos, long heapAfterStartup,
                          long firstCallsNanos, long heapAfterCalls, PhaseProbe.Phases phases, long ownAfterStartup,
                          boolean weld411) {

    /** The line {@link StartupRun} prints. */
    public String line() {
        return String.format(Locale.ROOT, "%s flavour=%s methods=%d startupNanos=%d heapAfterStartup=%d "
                        + "firstCallsNanos=%d heapAfterCalls=%d ownAfterStartup=%d phases=%s", StartupRun.PREFIX,
                flavour.label(), methods, startupNanos, heapAfterStartup, firstCallsNanos, heapAfterCalls,
                ownAfterStartup,
                java.util.Arrays.stream(phases.toArray()).mapToObj(Long::toString)
                        .collect(java.util.stream.Collectors.joining(",")));
    }

    /** Reads a {@link #line()}; {@code weld411} comes from the rest of the output. */
    public static Measurement parse(String line, boolean weld411) {
        if (!line.startsWith(StartupRun.PREFIX + " ")) {
            throw new IllegalArgumentException("Not a result line: " + line);
        }
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        for (String field : line.substring(StartupRun.PREFIX.length() + 1).split(" ")) {
            int eq = field.indexOf('=');
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return new Measurement(Flavour.valueOf(fields.get("flavour").toUpperCase(Locale.ROOT)),
                Integer.parseInt(fields.get("methods")), Long.parseLong(fields.get("startupNanos")),
                Long.parseLong(fields.get("heapAfterStartup")), Long.parseLong(fields.get("firstCallsNanos")),
                Long.parseLong(fields.get("heapAfterCalls")), PhaseProbe.Phases.of(
                        java.util.Arrays.stream(fields.get("phases").split(",")).mapToLong(Long::parseLong).toArray()),
                Long.parseLong(fields.get("ownAfterStartup")), weld411);
    }
}
