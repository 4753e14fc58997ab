package dev.steadfast.health;

import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Weld SE application with Steadfast, SmallRye Health, the readiness check and the test beans, configured with the
 * given MicroProfile Config properties: the set-up of a real server, minus HTTP.
 */
final class HealthContainer extends WeldTestContainer {

    private HealthContainer(Map<String, String> properties, Class<?>... more) {
        super(new SteadfastExtension(), properties, beans(more));
    }

    private static Class<?>[] beans(Class<?>... more) {
        List<Class<?>> all = new ArrayList<>(List.of(SmallRyeHealthReporter.class, AsyncHealthCheckFactory.class,
                CircuitBreakerReadinessCheck.class, Payments.class, Recommendations.class));
        all.addAll(List.of(more));
        return all.toArray(Class<?>[]::new);
    }

    static HealthContainer start(Map<String, String> properties) {
        return new HealthContainer(properties);
    }

    /** With the components' readiness check too, and the given beans (component checks). */
    static HealthContainer withComponents(Map<String, String> properties, Class<?>... checks) {
        Class<?>[] more = new Class<?>[checks.length + 1];
        more[0] = ComponentReadinessCheck.class;
        System.arraycopy(checks, 0, more, 1, checks.length);
        return new HealthContainer(properties, more);
    }

    /** What {@code GET /health/ready} answers, as SmallRye Health builds it. */
    SmallRyeHealth readiness() {
        return select(SmallRyeHealthReporter.class).getReadiness();
    }

    /** The breakers' readiness check's own entry in the report. */
    JsonObject check() {
        return check(CircuitBreakerReadinessCheck.NAME);
    }

    /** The entry of the readiness check named {@code name} in the report. */
    JsonObject check(String name) {
        JsonObject payload = readiness().getPayload();
        return payload.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + payload));
    }

    /** The report as the HTTP endpoint writes it. */
    String readinessJson() {
        SmallRyeHealthReporter reporter = select(SmallRyeHealthReporter.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reporter.reportHealth(out, reporter.getReadiness());
        return out.toString(StandardCharsets.UTF_8);
    }
}
