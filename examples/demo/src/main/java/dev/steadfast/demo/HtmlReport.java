package dev.steadfast.demo;

import dev.steadfast.CallRejected;
import dev.steadfast.CircuitState;
import dev.steadfast.demo.Timeline.Mark;
import dev.steadfast.demo.Timeline.Outcome;
import dev.steadfast.demo.Timeline.Second;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report of a run: one self-contained HTML file (inline SVG and CSS, no script, nothing fetched) with the
 * timeline — the scenario's phases and the breaker's states as bands, the outcomes of each second stacked, and the
 * p50/p99 latency — above the accounting of every request.
 */
final class HtmlReport {

    private static final int WIDTH = 1000;
    private static final int LEFT = 120;
    private static final int PLOT_WIDTH = WIDTH - LEFT - 20;
    private static final int PHASE_ROW = 24;
    private static final int BREAKER_ROW = 62;
    private static final int ROW_HEIGHT = 28;
    private static final int OUTCOMES_TOP = 120;
    private static final int OUTCOMES_HEIGHT = 200;
    private static final int LATENCY_TOP = 350;
    private static final int LATENCY_HEIGHT = 160;
    private static final int HEIGHT = LATENCY_TOP + LATENCY_HEIGHT + 40;

    private static final Map<Phase, String> PHASE_COLORS = Map.of(Phase.HEALTHY, "#66bb6a", Phase.SLOW, "#ffca28",
            Phase.FAILING, "#ff7043", Phase.DOWN, "#b71c1c", Phase.RECOVERING, "#4fc3f7");
    private static final Map<CircuitState, String> STATE_COLORS = Map.of(CircuitState.CLOSED, "#43a047",
            CircuitState.HALF_OPEN, "#fdd835", CircuitState.OPEN, "#e53935", CircuitState.FORCED_OPEN, "#6a1b9a");
    private static final Map<Outcome, String> OUTCOME_COLORS = Map.of(Outcome.SUCCEEDED, "#43a047",
            Outcome.FELL_BACK, "#1e88e5", Outcome.REJECTED, "#fb8c00", Outcome.FAILED, "#e53935");
    private static final Map<Outcome, String> OUTCOME_NAMES = Map.of(Outcome.SUCCEEDED, "succeeded",
            Outcome.FELL_BACK, "fell back (cached answer)", Outcome.REJECTED, "rejected",
            Outcome.FAILED, "failed");
    private static final String P50_COLOR = "#1e88e5";
    private static final String P99_COLOR = "#8e24aa";

    private final Scenario scenario;
    private final int clients;
    private final Timeline timeline;
    private final double seconds;
    private final StringBuilder html = new StringBuilder();

    private HtmlReport(Scenario scenario, int clients, Timeline timeline) {
        this.scenario = scenario;
        this.clients = clients;
        this.timeline = timeline;
        this.seconds = scenario.durationMillis() / 1000.0;
    }

    /** Writes the report of a finished run to {@code file} and returns its absolute path. */
    static Path write(Path file, Scenario scenario, int clients, Timeline timeline) throws IOException {
        String html = new HtmlReport(scenario, clients, timeline).render();
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, html, StandardCharsets.UTF_8);
        return absolute;
    }

    /**
     * Writes the report of a finished fleet run to {@code file}: the fleet's table ({@code fleetTable}, HTML already
     * escaped), then each node's timeline and accounting under its name. Returns the absolute path.
     */
    static Path writeFleet(Path file, Scenario scenario, int clients, String fleetTable,
            Map<String, Timeline> nodes) throws IOException {
        HtmlReport page = new HtmlReport(scenario, clients, nodes.values().iterator().next());
        page.head(nodes.size() + " nodes of " + clients + " clients each");
        page.html.append(fleetTable);
        for (Map.Entry<String, Timeline> node : nodes.entrySet()) {
            HtmlReport part = new HtmlReport(scenario, clients, node.getValue());
            part.html.append("<h2>").append(escape(node.getKey())).append("</h2>\n");
            part.body();
            page.html.append(part.html);
        }
        page.html.append("</body>\n</html>\n");
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.writeString(absolute, page.html, StandardCharsets.UTF_8);
        return absolute;
    }

    private String render() {
        head(clients + " clients");
        body();
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void body() {
        timelineSvg();
        legend();
        accounting();
        breakerHistory();
    }

    private void head(String who) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Steadfast demo report</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222}\n")
                .append("h1{font-size:1.5em;margin-bottom:.2em} .sub{color:#666;margin-top:0}\n")
                .append("table{border-collapse:collapse;margin:1em 0} td,th{padding:.25em .8em;text-align:left}\n")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".sw{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em}\n")
                .append(".legend span{margin-right:1.4em;white-space:nowrap}\n")
                .append("</style>\n</head>\n<body>\n<h1>Steadfast demo: a flaky dependency under load</h1>\n");
        html.append("<p class=\"sub\">").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" &middot; ").append(Math.round(seconds)).append(" s &middot; ").append(escape(who))
                .append(" &middot; scenario <code>").append(escape(scenario.toString()))
                .append("</code></p>\n");
    }

    private void timelineSvg() {
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#333\"")
                .append(" role=\"img\" aria-label=\"Timeline of the run\">\n");
        phaseBands();
        breakerBands();
        outcomeBars();
        latencyLines();
        timeAxis();
        html.append("</svg>\n");
    }

    private void phaseBands() {
        label(PHASE_ROW + ROW_HEIGHT / 2, "scenario");
        List<Scenario.Step> steps = scenario.steps();
        for (Scenario.Step step : steps) {
            double x0 = x(step.startMillis() / 1000.0);
            double x1 = x(step.endMillis() / 1000.0);
            String color = PHASE_COLORS.get(step.phase());
            band(x0, x1, PHASE_ROW, color, step.phase().label(), step.phase().label() + ": "
                    + step.phase().behaviour(), step.phase() == Phase.DOWN ? "#fff" : "#222");
            // A faint copy behind the charts, so every bar and point can be read against its phase.
            rect(x0, OUTCOMES_TOP, x1 - x0, LATENCY_TOP + LATENCY_HEIGHT - OUTCOMES_TOP, color, 0.12);
        }
    }

    private void breakerBands() {
        label(BREAKER_ROW + ROW_HEIGHT / 2, "breaker");
        List<Mark<CircuitState>> states = timeline.breakerStates();
        for (int i = 0; i < states.size(); i++) {
            double from = Math.min(states.get(i).atMillis() / 1000.0, seconds);
            double to = i + 1 < states.size() ? Math.min(states.get(i + 1).atMillis() / 1000.0, seconds) : seconds;
            CircuitState state = states.get(i).value();
            String tip = String.format(Locale.ROOT, "%s from %.1f s to %.1f s", state, from, to);
            band(x(from), x(to), BREAKER_ROW, STATE_COLORS.get(state), state.name(), tip,
                    state == CircuitState.CLOSED || state == CircuitState.HALF_OPEN ? "#222" : "#fff");
        }
    }

    private void outcomeBars() {
        List<Second> all = timeline.seconds();
        double max = niceCeiling(all.stream().mapToInt(Second::calls).max().orElse(0));
        yAxis(OUTCOMES_TOP, OUTCOMES_HEIGHT, max, "calls/s", "");
        double width = PLOT_WIDTH / seconds;
        double gap = width > 4 ? 1 : 0;
        for (Second s : all) {
            html.append("<g><title>").append(String.format(Locale.ROOT,
                    "%d-%d s: %d succeeded, %d fell back, %d rejected, %d failed, %d retries", s.index(),
                    s.index() + 1, s.outcomes().get(Outcome.SUCCEEDED), s.outcomes().get(Outcome.FELL_BACK),
                    s.outcomes().get(Outcome.REJECTED), s.outcomes().get(Outcome.FAILED), s.retries()))
                    .append("</title>");
            double bottom = OUTCOMES_TOP + OUTCOMES_HEIGHT;
            for (Outcome outcome : Outcome.values()) {
                double h = s.outcomes().get(outcome) / max * OUTCOMES_HEIGHT;
                if (h > 0) {
                    rect(x(s.index()) + gap / 2, bottom - h, width - gap, h, OUTCOME_COLORS.get(outcome), 1);
                    bottom -= h;
                }
            }
            html.append("</g>\n");
        }
    }

    private void latencyLines() {
        List<Second> all = timeline.seconds();
        double max = niceCeiling(Math.max(10, all.stream().mapToDouble(Second::p99Millis).max().orElse(0)));
        yAxis(LATENCY_TOP, LATENCY_HEIGHT, max, "latency", " ms");
        line(all, Second::p99Millis, max, P99_COLOR, "p99");
        line(all, Second::p50Millis, max, P50_COLOR, "p50");
    }

    /** One point per second with calls, at the middle of the second; seconds without calls break the line. */
    private void line(List<Second> all, ToDoubleFunction<Second> value, double max, String color, String name) {
        StringBuilder path = new StringBuilder();
        boolean drawing = false;
        for (Second s : all) {
            if (s.calls() == 0) {
                drawing = false;
                continue;
            }
            double y = LATENCY_TOP + LATENCY_HEIGHT - value.applyAsDouble(s) / max * LATENCY_HEIGHT;
            path.append(drawing ? " L" : " M").append(fmt(x(s.index() + 0.5))).append(' ').append(fmt(y));
            drawing = true;
        }
        html.append("<path fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" d=\"")
                .append(path.toString().trim()).append("\"><title>").append(name).append(" latency per second")
                .append("</title></path>\n");
    }

    private void timeAxis() {
        int bottom = LATENCY_TOP + LATENCY_HEIGHT;
        int step = (int) niceCeiling(seconds / 12);
        for (int t = 0; t <= seconds; t += step) {
            html.append("<text x=\"").append(fmt(x(t))).append("\" y=\"").append(bottom + 18)
                    .append("\" text-anchor=\"middle\">").append(t).append(" s</text>\n");
        }
    }

    private void yAxis(int top, int height, double max, String title, String unit) {
        label(top + height / 2, title);
        for (int i = 0; i <= 2; i++) {
            double y = top + height - i * height / 2.0;
            html.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + PLOT_WIDTH).append("\" y1=\"")
                    .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#bbb\" stroke-width=\"")
                    .append(i == 0 ? 1 : 0.5).append("\"/>\n");
            html.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(fmt(max * i / 2)).append(unit).append("</text>\n");
        }
    }

    private void label(int y, String text) {
        html.append("<text x=\"8\" y=\"").append(y + 4).append("\" font-weight=\"bold\">").append(text)
                .append("</text>\n");
    }

    private void band(double x0, double x1, int y, String color, String text, String tip, String textColor) {
        html.append("<g><title>").append(escape(tip)).append("</title>");
        rect(x0, y, x1 - x0, ROW_HEIGHT, color, 1);
        if (x1 - x0 > 7.5 * text.length()) {
            html.append("<text x=\"").append(fmt((x0 + x1) / 2)).append("\" y=\"").append(y + ROW_HEIGHT / 2 + 4)
                    .append("\" text-anchor=\"middle\" style=\"fill:").append(textColor).append("\">")
                    .append(escape(text)).append("</text>");
        }
        html.append("</g>\n");
    }

    private void rect(double x, double y, double width, double height, String color, double opacity) {
        html.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                .append(fmt(Math.max(width, 0))).append("\" height=\"").append(fmt(height)).append("\" fill=\"")
                .append(color).append('"');
        if (opacity < 1) {
            html.append(" fill-opacity=\"").append(opacity).append('"');
        }
        html.append("/>");
    }

    private void legend() {
        html.append("<p class=\"legend\">");
        for (Outcome outcome : Outcome.values()) {
            swatch(OUTCOME_COLORS.get(outcome), OUTCOME_NAMES.get(outcome));
        }
        swatch(P50_COLOR, "p50 latency");
        swatch(P99_COLOR, "p99 latency");
        html.append("<br>");
        for (CircuitState state : List.of(CircuitState.CLOSED, CircuitState.HALF_OPEN, CircuitState.OPEN)) {
            swatch(STATE_COLORS.get(state), "breaker " + state);
        }
        html.append("</p>\n<p class=\"legend\">");
        for (Phase phase : Phase.values()) {
            swatch(PHASE_COLORS.get(phase), phase.label() + ": " + phase.behaviour());
            html.append("<br>");
        }
        html.append("</p>\n");
    }

    private void swatch(String color, String text) {
        html.append("<span><i class=\"sw\" style=\"background:").append(color).append("\"></i>")
                .append(escape(text)).append("</span>");
    }

    private void accounting() {
        long sent = timeline.sent();
        html.append("<h2>Every request accounted for</h2>\n<table>\n");
        for (Outcome outcome : Outcome.values()) {
            long n = timeline.count(outcome);
            html.append("<tr><td><i class=\"sw\" style=\"background:").append(OUTCOME_COLORS.get(outcome))
                    .append("\"></i>").append(OUTCOME_NAMES.get(outcome)).append("</td><td class=\"n\">").append(n)
                    .append("</td><td class=\"n\">").append(sent == 0 ? "" : fmt(100.0 * n / sent) + " %")
                    .append("</td></tr>\n");
        }
        long unaccounted = timeline.unaccounted();
        html.append("<tr><th>sent</th><td class=\"n\"><b>").append(sent).append("</b></td><td>")
                .append(unaccounted == 0 ? "all accounted for" : unaccounted + " NOT accounted for")
                .append("</td></tr>\n</table>\n<table>\n");
        row("degraded answers announced (FallbackApplied)", timeline.fallbacksAnnounced());
        timeline.fallbacksByCause().forEach((cause, n) -> row("&nbsp;&nbsp;after " + cause, n));
        row("retries", timeline.retries());
        row("rejections by the breaker", timeline.rejections(CallRejected.Reason.CIRCUIT_OPEN));
        row("rejections by the bulkhead", timeline.rejections(CallRejected.Reason.BULKHEAD_FULL));
        html.append("<tr><td>latency p50 / p99</td><td class=\"n\">")
                .append(fmt(timeline.latencyMillis(0.5))).append(" ms / ").append(fmt(timeline.latencyMillis(0.99)))
                .append(" ms</td></tr>\n</table>\n<p>Degraded answers are counted per call, rejections and retries per"
                        + " attempt, from Steadfast's CDI events; a rejected attempt often still ends in a cached"
                        + " answer.</p>\n");
    }

    private void row(String name, long value) {
        html.append("<tr><td>").append(name).append("</td><td class=\"n\">").append(value).append("</td></tr>\n");
    }

    private void breakerHistory() {
        html.append("<h2>Breaker '").append(QuoteClient.BREAKER).append("'</h2>\n<p>");
        List<Mark<CircuitState>> states = timeline.breakerStates();
        for (int i = 1; i < states.size(); i++) {
            html.append(i > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.1f s&nbsp;%s",
                    states.get(i).atMillis() / 1000.0, states.get(i).value()));
        }
        html.append(states.size() == 1 ? "stayed CLOSED the whole run" : "").append("</p>\n");
    }

    private double x(double second) {
        return LEFT + second / seconds * PLOT_WIDTH;
    }

    /** The smallest of 1, 2, 2.5, 5, 10, 20, 25, 50, 100, ... that is at least {@code value}. */
    private static double niceCeiling(double value) {
        double decade = 1;
        while (decade * 10 < value) {
            decade *= 10;
        }
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (decade * step >= value) {
                return decade * step;
            }
        }
        return decade * 10;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
