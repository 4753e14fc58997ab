package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import dev.steadfast.testsupport.fixtures.Flaky;
import dev.steadfast.testsupport.fixtures.Limited;
import dev.steadfast.testsupport.fixtures.Payments;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard {@code grafana/steadfast.json} cannot drift from the metric names: every metric each panel
 * (and each variable) queries, every label it selects or groups by, and every literal label value it matches must be
 * in a real Prometheus scrape, taken after a scenario that makes every kind of meter appear.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("grafana", "steadfast.json");
    private static final Pattern SELECTOR = Pattern.compile("\\b(steadfast_[a-z0-9_]+)\\s*(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+\\S+");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Metric name to label name to the values seen. */
    private static final Map<String, Map<String, Set<String>>> scraped = new HashMap<>();
    private static JsonObject dashboard;

    @BeforeAll
    static void scrapeAfterAScenario() throws Exception {
        String scrape;
        try (WeldTestContainer container = WeldTestContainer.start(new SteadfastExtension(),
                PrometheusObserver.class, Flaky.class, Payments.class, Limited.class)) {
            Flaky flaky = container.select(Flaky.class);
            assertThrows(RetryExhaustedException.class, flaky::alwaysFails);
            assertEquals("cached", flaky.quote());
            Payments payments = container.select(Payments.class);
            payments.charge(false);
            assertThrows(IOException.class, () -> payments.charge(true));
            assertThrows(IOException.class, () -> payments.charge(true));
            assertThrows(CircuitOpenException.class, () -> payments.charge(false));
            Limited limited = container.select(Limited.class);
            limited.once();
            assertThrows(RateLimitExceededException.class, limited::once);
            assertThrows(TimeoutExceededException.class, limited::stuck);
            scrape = container.select(PrometheusMeterRegistry.class).scrape();
        }
        for (String line : scrape.lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Map<String, Set<String>> labels = scraped.computeIfAbsent(m.group(1), n -> new HashMap<>());
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.computeIfAbsent(l.group(1), k -> new TreeSet<>()).add(l.group(2));
                }
            }
        }
        try (Reader reader = Files.newBufferedReader(DASHBOARD)) {
            dashboard = Json.createReader(reader).readObject();
        }
    }

    /** Every query of the dashboard: the panels' targets and the variables' definitions. */
    private static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonObject panel : dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            if (panel.containsKey("targets")) {
                for (JsonObject target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                    queries.add(target.getString("expr"));
                }
            }
        }
        for (JsonObject variable : dashboard.getJsonObject("templating").getJsonArray("list")
                .getValuesAs(JsonObject.class)) {
            if (variable.containsKey("definition")) {
                queries.add(variable.getString("definition"));
            }
        }
        return queries;
    }

    @Test
    void everyMetricLabelAndValueThatAPanelQueriesIsInTheScrape() {
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (String query : queries()) {
            Set<String> labelsOfQuery = new HashSet<>();
            Matcher selector = SELECTOR.matcher(query);
            while (selector.find()) {
                String metric = selector.group(1);
                used.add(metric);
                Map<String, Set<String>> labels = scraped.get(metric);
                if (labels == null) {
                    problems.add("no metric " + metric + " in the scrape, queried by: " + query);
                    continue;
                }
                labelsOfQuery.addAll(labels.keySet());
                if (selector.group(3) != null) {
                    Matcher matcher = MATCHER.matcher(selector.group(3));
                    while (matcher.find()) {
                        String label = matcher.group(1);
                        String op = matcher.group(2);
                        String value = matcher.group(3);
                        if (!labels.containsKey(label)) {
                            problems.add(metric + " has no label " + label + " (its labels: " + labels.keySet()
                                    + "), queried by: " + query);
                        } else if ((op.equals("=") || op.equals("!=")) && !value.contains("$")
                                && !labels.get(label).contains(value)) {
                            problems.add(metric + "{" + label + "} never is \"" + value + "\" (seen: "
                                    + labels.get(label) + "), queried by: " + query);
                        }
                    }
                }
            }
            Matcher grouping = GROUPING.matcher(query);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    if (!label.isBlank() && !labelsOfQuery.contains(label.trim())) {
                        problems.add("no metric of the query has the label " + label.trim() + ": " + query);
                    }
                }
            }
            Matcher labelValues = LABEL_VALUES.matcher(query);
            while (labelValues.find()) {
                Map<String, Set<String>> labels = scraped.get(labelValues.group(1));
                if (labels == null || !labels.containsKey(labelValues.group(2))) {
                    problems.add("variable query finds nothing: " + query);
                }
            }
        }
        assertEquals(List.of(), problems);
        // What the issue asks the dashboard to show: calls by outcome, latency, retries, rejections, breaker states
        // and transitions, bulkhead occupancy.
        assertTrue(used.containsAll(Set.of("steadfast_calls_total", "steadfast_call_duration_seconds_bucket",
                "steadfast_retries_total", "steadfast_retries_exhausted_total", "steadfast_timeouts_total",
                "steadfast_calls_rejected_total", "steadfast_circuitbreaker_state",
                "steadfast_circuitbreaker_transitions_total", "steadfast_circuitbreaker_open_time_seconds_total",
                "steadfast_bulkhead_in_use", "steadfast_bulkhead_queued")), "used: " + used);
    }

    @Test
    void theCheckCatchesADriftedName() {
        Map<String, Set<String>> labels = scraped.get("steadfast_calls_total");
        assertFalse(scraped.containsKey("steadfast_call_total"), "a misspelt name is not in the scrape");
        assertFalse(labels.get("outcome").contains("halfopen"));
        assertTrue(labels.get("outcome").containsAll(Set.of("success", "failure", "fallback", "timed_out",
                "circuit_open", "rate_limited")), labels.toString());
    }

    @Test
    void theDashboardIsImportableIntoGrafana() {
        assertEquals("steadfast", dashboard.getString("uid"));
        assertFalse(dashboard.getString("title").isBlank());
        assertTrue(dashboard.getInt("schemaVersion") >= 36);
        assertTrue(dashboard.isNull("id"), "a dashboard to import has no id");
        JsonObject input = dashboard.getJsonArray("__inputs").getJsonObject(0);
        assertEquals("DS_PROMETHEUS", input.getString("name"));
        assertEquals("prometheus", input.getString("pluginId"));
        Set<Integer> ids = new HashSet<>();
        for (JsonObject panel : dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            assertTrue(ids.add(panel.getInt("id")), "panel ids are unique");
            JsonObject grid = panel.getJsonObject("gridPos");
            assertTrue(grid.getInt("x") + grid.getInt("w") <= 24, panel.getString("title"));
            if (panel.getString("type").equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.getJsonObject("datasource").getString("uid"),
                    panel.getString("title"));
            Set<String> refIds = new HashSet<>();
            for (JsonObject target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                assertTrue(refIds.add(target.getString("refId")), panel.getString("title"));
                assertFalse(target.getString("expr").isBlank(), panel.getString("title"));
            }
        }
        List<String> variables = dashboard.getJsonObject("templating").getJsonArray("list")
                .getValuesAs(JsonObject.class).stream().map(v -> v.getString("name")).toList();
        assertEquals(List.of("datasource", "method", "breaker"), variables);
        JsonValue current = dashboard.getJsonObject("templating").getJsonArray("list").getJsonObject(0)
                .getJsonObject("current").get("value");
        assertEquals("${DS_PROMETHEUS}", ((JsonString) current).getString());
    }
}
