package dev.steadfast.engine.observe;

import dev.steadfast.spi.GuardObserver;
import dev.steadfast.spi.ObserverContext;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link GuardObserver}s listed in {@code META-INF/services}, for every front end (the CDI container, the
 * standalone engine of programmatic guards). An entry that cannot be loaded or an observer that fails to start is
 * logged and left out: observing never breaks the application.
 */
public final class ServiceObservers {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");
    /** Broken provider entries tolerated before giving up on the rest (ServiceLoader skips past each one). */
    private static final int MAX_LOAD_ERRORS = 16;

    private ServiceObservers() {
    }

    /** The observers listed for {@code loader}, not started. */
    public static List<GuardObserver> load(ClassLoader loader) {
        List<GuardObserver> found = new ArrayList<>();
        Iterator<GuardObserver> it = ServiceLoader.load(GuardObserver.class, loader).iterator();
        for (int errors = 0; errors < MAX_LOAD_ERRORS; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // Typically an optional module whose library is missing (steadfast-micrometer without Micrometer).
                errors++;
                LOG.log(Level.WARNING, () -> "Steadfast could not load a " + GuardObserver.class.getName()
                        + " listed in META-INF/services; it is left out: " + e, e);
            }
        }
        return found;
    }

    /** Starts each observer with {@code context}; those that fail are logged and left out of the result. */
    public static List<GuardObserver> started(List<GuardObserver> observers, ObserverContext context) {
        List<GuardObserver> ready = new ArrayList<>();
        for (GuardObserver o : observers) {
            try {
                o.init(context);
                ready.add(o);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, () -> "Steadfast observer " + o + " failed to start; it is left out", e);
            }
        }
        return ready;
    }
}
