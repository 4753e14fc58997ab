package dev.steadfast.demo;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitState;
import dev.steadfast.demo.Timeline.Outcome;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live view, refreshed every second: on a terminal a block redrawn in place (ANSI escapes), otherwise one plain
 * line per second, so a log or a CI console stays readable. The breaker's state is read from the
 * {@code CircuitBreakers} registry; the rest from the {@link Timeline}.
 */
final class TerminalView implements AutoCloseable {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";

    private final Timeline timeline;
    private final CircuitBreakerHandle breaker;
    private final long durationSeconds;
    private final PrintStream out;
    private final boolean ansi;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "terminal-view");
        t.setDaemon(true);
        return t;
    });
    private int linesDrawn;

    TerminalView(Timeline timeline, CircuitBreakerHandle breaker, long durationSeconds, PrintStream out,
            boolean ansi) {
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.durationSeconds = durationSeconds;
        this.out = Objects.requireNonNull(out, "out");
        this.ansi = ansi;
    }

    void start() {
        ticker.scheduleAtFixedRate(this::refresh, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops refreshing; on a terminal, draws the final state once more. */
    @Override
    public void close() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS); // a refresh in progress ends before the summary starts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ansi) {
            refresh();
        }
    }

    private synchronized void refresh() {
        // Ticks come about a second apart, a little early or late: round to the nearest second.
        long elapsed = Math.round(timeline.elapsedMillis() / 1000.0);
        Timeline.Second last = timeline.second((int) Math.max(0, elapsed - 1));
        if (ansi) {
            redraw(List.of(
                    String.format(Locale.ROOT, "%sSteadfast demo%s   %d s / %d s   phase %s%s%s: %s", BOLD, RESET,
                            elapsed, durationSeconds, BOLD, timeline.currentPhase(), RESET,
                            timeline.currentPhase().behaviour()),
                    String.format(Locale.ROOT, "breaker '%s'   %s", breaker.name(), colored(breaker.state())),
                    String.format(Locale.ROOT, "last second   %4d calls/s   p50 %6s ms   p99 %6s ms",
                            last.calls(), millis(last.p50Millis()), millis(last.p99Millis())),
                    String.format(Locale.ROOT, "requests      %6d sent   %s%6d succeeded%s   %6d fell back   %s%6d"
                            + " rejected   %6d failed%s", timeline.sent(), GREEN, timeline.count(Outcome.SUCCEEDED),
                            RESET, timeline.count(Outcome.FELL_BACK), RED, timeline.count(Outcome.REJECTED),
                            timeline.count(Outcome.FAILED), RESET),
                    String.format(Locale.ROOT, "steadfast     %6d retries   rejections: %d by the breaker, %d by the"
                            + " bulkhead", timeline.retries(), timeline.rejections(CallRejected.Reason.CIRCUIT_OPEN),
                            timeline.rejections(CallRejected.Reason.BULKHEAD_FULL))));
        } else {
            out.printf(Locale.ROOT, "%3ds phase=%s breaker=%s calls/s=%d p50=%sms p99=%sms sent=%d succeeded=%d"
                            + " fell-back=%d rejected=%d failed=%d retries=%d rejected-by-breaker=%d"
                            + " rejected-by-bulkhead=%d%n",
                    elapsed, timeline.currentPhase().label(), breaker.state(), last.calls(), millis(last.p50Millis()),
                    millis(last.p99Millis()), timeline.sent(), timeline.count(Outcome.SUCCEEDED),
                    timeline.count(Outcome.FELL_BACK), timeline.count(Outcome.REJECTED),
                    timeline.count(Outcome.FAILED), timeline.retries(),
                    timeline.rejections(CallRejected.Reason.CIRCUIT_OPEN),
                    timeline.rejections(CallRejected.Reason.BULKHEAD_FULL));
        }
        out.flush();
    }

    /** Moves the cursor up over the previous drawing and overwrites it line by line. */
    private void redraw(List<String> lines) {
        StringBuilder screen = new StringBuilder();
        if (linesDrawn > 0) {
            screen.append("\u001b[").append(linesDrawn).append('A');
        }
        for (String line : lines) {
            screen.append("\r\u001b[2K").append(line).append('\n');
        }
        out.print(screen);
        linesDrawn = lines.size();
    }

    /** Whole milliseconds, with a decimal below 10 ms (a fallback from the cache takes a fraction of one). */
    static String millis(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.1f" : "%.0f", millis);
    }

    private static String colored(CircuitState state) {
        String color = switch (state) {
            case CLOSED -> GREEN;
            case HALF_OPEN -> YELLOW;
            case OPEN, FORCED_OPEN -> RED;
        };
        return BOLD + color + state + RESET;
    }
}
