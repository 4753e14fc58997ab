package dev.steadfast.engine;

import java.lang.ref.WeakReference;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes every platform thread Steadfast starts. Such a thread is started by whichever call first needs it and then
 * serves every later call of its engine, so it must take nothing from the caller that happened to start it: no
 * inheritable thread locals (a request's user, a transaction), no context class loader of an application (which it
 * would keep reachable after that application is undeployed), and not the caller's thread group. Its context class
 * loader is Steadfast's own; work that needs the application's loader sets it for its own duration.
 *
 * <p>All of Steadfast's threads are daemon threads named {@code steadfast-...}, so that they never keep a JVM alive
 * and an operator can tell them apart in a thread dump.
 */
public final class SteadfastThreads {

    /** The top of the thread-group tree: no application's group, which might be destroyed with it. */
    private static final ThreadGroup GROUP = top(Thread.currentThread().getThreadGroup());
    private static final ClassLoader OWN = SteadfastThreads.class.getClassLoader();

    private SteadfastThreads() {
    }

    /** A new, unstarted daemon thread named {@code name} that runs {@code task}, carrying nothing of the caller's. */
    @SuppressWarnings("removal") // AccessController: see below; still present, and harmless, on Java 24+
    public static Thread newThread(String name, Runnable task) {
        // Privileged: up to Java 23 a new thread keeps the access-control context of the stack that creates it, that
        // is the protection domains, and through them the class loaders, of every class on it. Created from an
        // application's call, it would keep that application's loader reachable as long as it runs.
        return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
            Thread t = new Thread(GROUP, task, name, 0, false);
            t.setDaemon(true);
            t.setContextClassLoader(OWN);
            return t;
        });
    }

    /** A factory of such threads named {@code prefix1}, {@code prefix2}, ... */
    public static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> newThread(prefix + count.incrementAndGet(), task);
    }

    /**
     * An executor that runs each task on {@code executor} with {@code loader} as the thread's context class loader
     * for the task's duration (the thread's own is put back afterwards). It refers to {@code loader} weakly, so that a
     * long-lived thread holding it (the timer's) does not keep an undeployed application's loader reachable; once the
     * loader is gone, tasks run with the thread's own.
     */
    public static Executor withContextClassLoader(ClassLoader loader, Executor executor) {
        WeakReference<ClassLoader> application = new WeakReference<>(loader);
        return work -> executor.execute(() -> {
            ClassLoader l = application.get();
            if (l == null) {
                work.run();
                return;
            }
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(l);
            try {
                work.run();
            } finally {
                t.setContextClassLoader(previous);
            }
        });
    }

    /** Steadfast's own class loader, the context class loader of its threads between tasks. */
    public static ClassLoader ownLoader() {
        return OWN;
    }

    private static ThreadGroup top(ThreadGroup g) {
        ThreadGroup top = g;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        return top;
    }
}
