package dev.steadfast.mp.tck;

import io.smallrye.metrics.MetricRegistries;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;

/**
 * SmallRye Metrics keeps its base registry in a static field, across the many Weld containers of one test JVM; the
 * TCK expects each deployment to start without metrics (AllMetricsTest and MetricsDisabledTest share a bean). A
 * server would start fresh; here the registries are dropped before each test class.
 */
public class DropMetricRegistries {

    public void beforeEachTestClass(@Observes BeforeClass event) {
        MetricRegistries.dropAll();
    }
}
