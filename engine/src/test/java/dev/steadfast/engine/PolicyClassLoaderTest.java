package dev.steadfast.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression (issue 13, item 12): comparing policies keeps no undeployed application's classes reachable. With the
 * policies as records, on JDK 17, their generated {@code equals}, {@code hashCode} and {@code toString} went through
 * method handles that a JDK-wide cache kept (an {@code asType} cache on handles shared by every record), and those
 * named the record's classes: a deployment that carried Steadfast in its own class loader and compared two policies,
 * as the registry does when two methods share a named breaker, stayed reachable after it was undeployed. (JDK 19 and
 * later keep such entries only softly, so the leak there lasts until memory runs short.)
 *
 * <p>Each case loads the engine's classes and an application failure class in a throwaway class loader (as a
 * deployment bundling Steadfast does), builds, compares and hashes policies there, drops everything and checks that
 * the loader is collected. With the record versions every case failed on JDK 17.
 */
class PolicyClassLoaderTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"breaker", "retry", "bulkhead", "rate limit", "timeout"})
    void comparingPoliciesKeepsNoClassLoaderReachable(String kind) throws Exception {
        WeakReference<ClassLoader> loader = compareInAThrowawayLoader(kind);

        assertTrue(collected(loader), kind + ": the throwaway class loader is still reachable after every "
                + "policy was dropped");
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader> compareInAThrowawayLoader(String kind) throws Exception {
        Throwaway loader = new Throwaway();
        Class<?> deployment = loader.loadClass("dev.steadfast.engine.throwaway.ComparePolicies");
        assertNotSame(PolicyClassLoaderTest.class.getClassLoader(), deployment.getClassLoader());
        Function<String, Boolean> compare = (Function<String, Boolean>) deployment.getConstructor().newInstance();
        assertTrue(compare.apply(kind), kind + ": two policies of equal values are equal");
        return new WeakReference<>(loader);
    }

    /** Collects garbage until {@code ref} is cleared, for at most about twenty seconds. */
    private static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            // A little garbage, so that a collector skipping an idle heap still runs.
            byte[][] garbage = new byte[32][];
            for (int j = 0; j < garbage.length; j++) {
                garbage[j] = new byte[64 * 1024];
            }
            Thread.sleep(200);
        }
        return ref.get() == null;
    }

    /**
     * Defines the engine's classes (and the test's throwaway ones) itself, from the class files, as a deployment's
     * own class loader does; everything else (the JDK, the API) comes from the parent.
     */
    private static final class Throwaway extends ClassLoader {

        Throwaway() {
            super(PolicyClassLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("dev.steadfast.engine.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
