package dev.steadfast.benchmarks.cdi;

import dev.steadfast.benchmarks.Checks;
import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.faulttolerance.FaultToleranceExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The CDI path on Weld SE, happy path, through the client proxy of an application-scoped bean: a plain bean, a bean
 * with one empty interceptor (the floor), Steadfast's full stack and SmallRye Fault Tolerance's full stack.
 *
 * <p>Steadfast and SmallRye run in separate containers, each with discovery disabled, its own bean classes and only
 * its own extension (Weld SE then loads no extension from {@code META-INF/services}), so neither library sees the
 * other. JMH forks a JVM per benchmark method and creates only the state that method takes, so one fork starts one
 * container.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CdiBenchmark {

    /** Steadfast's container: the plain bean, the floor and the Steadfast bean, with Steadfast's extension only. */
    @State(Scope.Benchmark)
    public static class SteadfastContainer {
        WeldContainer container;
        PlainBean plain;
        FloorBean floor;
        SteadfastBean steadfast;

        @Setup
        public void setUp() {
            container = new Weld("steadfast-benchmark").disableDiscovery()
                    .addExtension(new SteadfastExtension())
                    .addBeanClasses(PlainBean.class, FloorBean.class, NoopInterceptor.class, SteadfastBean.class)
                    .initialize();
            plain = container.select(PlainBean.class).get();
            floor = container.select(FloorBean.class).get();
            steadfast = container.select(SteadfastBean.class).get();
            Checks.returnsResult("plain bean", plain::work);
            Checks.returnsResult("empty interceptor", floor::work);
            Checks.returnsResult("Steadfast CDI", steadfast::work);
        }

        @TearDown
        public void tearDown() {
            container.shutdown();
        }
    }

    /**
     * SmallRye Fault Tolerance's container: its bean and its extension, plus SmallRye Config's CDI extension, which it
     * needs for its {@code @ConfigProperty} injection points (Steadfast reads config through {@code ConfigProvider}).
     */
    @State(Scope.Benchmark)
    public static class SmallRyeContainer {
        WeldContainer container;
        SmallRyeBean smallrye;

        @Setup
        public void setUp() {
            container = new Weld("smallrye-benchmark").disableDiscovery()
                    .addExtension(new FaultToleranceExtension())
                    .addExtension(new ConfigExtension())
                    .addBeanClasses(SmallRyeBean.class)
                    .initialize();
            smallrye = container.select(SmallRyeBean.class).get();
            Checks.returnsResult("SmallRye CDI", smallrye::work);
        }

        @TearDown
        public void tearDown() {
            container.shutdown();
        }
    }

    @Benchmark
    public String plain(SteadfastContainer c) {
        return c.plain.work();
    }

    @Benchmark
    public String emptyInterceptor(SteadfastContainer c) {
        return c.floor.work();
    }

    @Benchmark
    public String steadfast(SteadfastContainer c) {
        return c.steadfast.work();
    }

    @Benchmark
    public String smallrye(SmallRyeContainer c) {
        return c.smallrye.work();
    }
}
