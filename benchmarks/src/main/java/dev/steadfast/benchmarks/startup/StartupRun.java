package dev.steadfast.benchmarks.startup;

import jakarta.enterprise.inject.spi.Extension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import javax.management.ObjectName;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One measurement in a fresh JVM, started by {@link StartupBenchmark} with the generated application's classes on the
 * class path: boots Weld SE on the application's beans with the flavour's extensions, measures, prints one
 * {@value #PREFIX} line and exits.
 *
 * <ol>
 *   <li><b>start-up</b>: wall time from {@code new Weld(...)} to the return of {@code initialize()}, discovery
 *       disabled, the bean classes given with {@code addBeanClasses} (loaded, not initialised, before the clock
 *       starts: the same for every flavour).</li>
 *   <li><b>heap after start-up</b>: used heap after full GCs, the container and the bean classes still referenced.</li>
 *   <li><b>first calls</b>: wall time of one call of every guarded method, each through its bean's client proxy,
 *       looked up in the container (the bean instance is created by its first call, in every flavour).</li>
 *   <li><b>heap after first calls</b>: used heap after full GCs again (what a lazily built chain adds).</li>
 * </ol>
 *
 * <p>With {@code -D}{@value #HISTOGRAM}{@code =<file>} it also writes a class histogram of the heap after start-up
 * (as {@code jcmd <pid> GC.class_histogram} would) between the heap reading and the first calls.
 *
 * <p>Usage: {@code java -cp <benchmark class path>:<generated classes> ...StartupRun <flavour> <methods>}
 */
public final class StartupRun {

    /** Starts the result line on standard output. */
    public static final String PREFIX = "STARTUP-RESULT";

    /** A file name: where to write a class histogram of the heap after start-up (outside every measurement). */
    public static final String HISTOGRAM = "startup.histogram";

    /** Keeps the container and the application reachable while the heap is measured. */
    private static volatile Object kept;

    private StartupRun() {
    }

    public static void main(String[] args) throws Exception {
        Flavour flavour = Flavour.valueOf(args[0].toUpperCase(Locale.ROOT));
        int methods = Integer.parseInt(args[1]);
        GeneratedApp app = (GeneratedApp) Class.forName(AppSources.APP_CLASS).getDeclaredConstructor().newInstance();
        List<Class<?>> beans = app.beanClasses();
        Class<?>[] beanClasses = beans.toArray(new Class<?>[0]);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        PhaseProbe probe = new PhaseProbe();
        long start = System.nanoTime();
        Weld weld = new Weld("startup-" + flavour.label()).disableDiscovery().addExtension(probe);
        for (Extension extension : flavour.extensions()) {
            weld.addExtension(extension);
        }
        WeldContainer container = weld.addBeanClasses(beanClasses)
                .addBeanClasses(flavour.extraBeans().toArray(new Class<?>[0])).initialize();
        long end = System.nanoTime();
        long startup = end - start;
        kept = List.of(container, app, beans);

        long heapAfterStartup = usedAfterGc(memory);
        String histogram = classHistogram();
        long own = ownBytes(histogram, flavour);
        String histogramFile = System.getProperty(HISTOGRAM);
        if (histogramFile != null) {
            Files.writeString(Path.of(histogramFile), histogram);
        }

        long callsStart = System.nanoTime();
        int ok = app.callEveryGuardedMethod(container);
        long firstCalls = System.nanoTime() - callsStart;
        if (ok != methods) {
            System.err.println("Only " + ok + " of " + methods + " guarded methods returned their result");
            System.exit(2);
        }

        long heapAfterCalls = usedAfterGc(memory);
        System.out.println(new Measurement(flavour, methods, startup, heapAfterStartup, firstCalls, heapAfterCalls,
                probe.phases(start, end), own, false).line());
        System.out.flush();
        // SmallRye's and Steadfast's threads need not be daemons; the measurement is done.
        System.exit(0);
    }

    /** What {@code jcmd <pid> GC.class_histogram} prints, through the platform's diagnostic command MBean. */
    private static String classHistogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
    }

    /**
     * The bytes of the histogram's lines ({@code num: instances bytes class}) whose class {@code flavour} owns: the
     * shallow size of the library's own objects, not the JDK objects (arrays, strings, adders) they hold.
     */
    static long ownBytes(String histogram, Flavour flavour) {
        long own = 0;
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && flavour.owns(f[3])) {
                own += Long.parseLong(f[2]);
            }
        }
        return own;
    }

    /** Used heap after full collections: with {@code -XX:+UseSerialGC} each {@code System.gc()} is one. */
    static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
