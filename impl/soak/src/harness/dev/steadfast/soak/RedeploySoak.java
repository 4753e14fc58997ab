package dev.steadfast.soak;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Redeploys an application many times in one JVM, each time in a class loader of its own, and then reports what is
 * left: live Steadfast threads and application class loaders still reachable. Knows nothing of Steadfast or Weld:
 * it only loads {@code dev.steadfast.soak.app.SoakApplication} in each application's loader and calls it (and, in
 * {@code shared} mode, initializes one Weld class first, see {@link #warmUp}).
 *
 * <p>Modes: {@code war} puts Steadfast, Weld and SmallRye Config in each application's loader (a WAR with its
 * libraries); {@code shared} puts them once in a loader shared by every application (a server-wide library) and
 * only the application's classes in its own.
 *
 * <p>Usage: {@code RedeploySoak <war|shared> <rounds> <library classpath> <application classes dir>}. Exit status
 * 0 when nothing is left, 1 otherwise.
 */
public final class RedeploySoak {

    private static final String APPLICATION = "dev.steadfast.soak.app.SoakApplication";

    private RedeploySoak() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int rounds = Integer.parseInt(args[1]);
        URL[] libraries = urls(args[2]);
        URL application = new File(args[3]).toURI().toURL();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        ClassLoader shared = mode.equals("shared") ? new URLClassLoader("shared-library", libraries, platform) : null;
        if (shared != null) {
            warmUp(shared);
        }

        List<Thread> threadsBefore = liveThreads();
        long start = System.nanoTime();
        List<WeakReference<ClassLoader>> deployed = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            deployed.add(new WeakReference<>(deployAndUndeploy(mode, round, shared, libraries, application)));
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        int reachable = awaitCollected(deployed);
        List<Thread> steadfast = liveThreads().stream().filter(t -> t.getName().startsWith("steadfast-")).toList();
        System.out.printf("mode %s: %d redeploys in %d ms on Java %s%n", mode, rounds, took,
                Runtime.version().feature());
        System.out.printf("live Steadfast threads: %d %s%n", steadfast.size(), names(steadfast));
        System.out.printf("reachable application class loaders: %d of %d%n", reachable, rounds);
        List<Thread> threadsAfter = liveThreads();
        System.out.printf("live threads: %d before, %d after; new: %s%n", threadsBefore.size(), threadsAfter.size(),
                names(threadsAfter.stream().filter(t -> !threadsBefore.contains(t)).toList()));
        for (Thread t : liveThreads()) {
            ClassLoader l = t.getContextClassLoader();
            if (l != null && l.getName() != null && l.getName().startsWith("application-")) {
                System.out.printf("  thread %s holds %s as its context class loader%n", t.getName(), l.getName());
            }
        }
        String dump = System.getProperty("soak.heapDump");
        if (reachable > 0 && dump != null) {
            // For a leak hunt: what keeps the loaders reachable (paths from the GC roots) is in the dump.
            java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpHeap(dump, true);
            System.out.printf("heap dumped to %s%n", dump);
        }
        System.exit(steadfast.isEmpty() && reachable == 0 ? 0 : 1);
    }

    /**
     * What a server does once when it starts: initialize the shared library's classes. Weld's {@code ObserverNotifier}
     * keeps a marker exception in a static field, created when the class is initialized, with the stack trace of
     * whoever caused that: initialized by the first application, it would keep that application's loader reachable
     * for ever (Weld's doing, not Steadfast's). Initialized here, its stack holds only the harness.
     */
    private static void warmUp(ClassLoader shared) throws ClassNotFoundException {
        Class.forName("org.jboss.weld.event.ObserverNotifier", true, shared);
    }

    /** One deployment: its loader is the thread's context class loader while it runs; returns the loader. */
    @SuppressWarnings("unchecked")
    private static ClassLoader deployAndUndeploy(String mode, int round, ClassLoader shared, URL[] libraries,
            URL application) throws Exception {
        URL[] urls;
        ClassLoader parent;
        if (shared != null) {
            urls = new URL[] {application};
            parent = shared;
        } else {
            urls = new URL[libraries.length + 1];
            System.arraycopy(libraries, 0, urls, 0, libraries.length);
            urls[libraries.length] = application;
            parent = ClassLoader.getPlatformClassLoader();
        }
        URLClassLoader loader = new URLClassLoader("application-" + round, urls, parent);
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            Callable<String> app = (Callable<String>) Class.forName(APPLICATION, true, loader).getConstructor()
                    .newInstance();
            String outcome = app.call();
            System.out.printf("round %2d (%s): %s%n", round, mode, outcome);
        } finally {
            t.setContextClassLoader(before);
        }
        loader.close(); // closes its jar files; the loader itself is left to the garbage collector
        return loader;
    }

    /** Collects garbage for up to 60 s until every loader is gone; returns how many are still reachable. */
    private static int awaitCollected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int reachable;
        while ((reachable = (int) loaders.stream().filter(r -> r.get() != null).count()) > 0
                && System.nanoTime() - deadline < 0) {
            System.gc();
            Thread.sleep(100);
        }
        return reachable;
    }

    private static List<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).toList();
    }

    private static List<String> names(List<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }

    private static URL[] urls(String classpath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }
}
