package dev.steadfast.benchmarks.startup;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated applications compile, and carry the number of guarded methods and the annotations asked for. */
class StartupSourcesTest {

    private static final int METHODS = 30;

    @Test
    void everyFlavourCompilesToTheSameBeansWithItsOwnAnnotationsOnEachGuardedMethod(@TempDir Path dir)
            throws Exception {
        for (Flavour flavour : Flavour.values()) {
            Path classes = dir.resolve(flavour.label());
            AppSources.compile(AppSources.generate(flavour, METHODS), System.getProperty("java.class.path"), classes);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    getClass().getClassLoader())) {
                GeneratedApp app = (GeneratedApp) Class.forName(AppSources.APP_CLASS, true, loader)
                        .getDeclaredConstructor().newInstance();
                List<Class<?>> beans = app.beanClasses();

                assertEquals(METHODS / AppSources.METHODS_PER_CLASS, beans.size(), flavour + ": bean classes");
                int guarded = 0;
                for (Class<?> bean : beans) {
                    assertTrue(bean.isAnnotationPresent(ApplicationScoped.class), bean + " is application-scoped");
                    for (Method m : bean.getDeclaredMethods()) {
                        if (m.getName().equals("fallback")) {
                            assertEquals(0, m.getAnnotations().length, "the fallback carries no annotation");
                            continue;
                        }
                        assertTrue(Modifier.isPublic(m.getModifiers()), m + " is public");
                        assertEquals(expectedAnnotations(flavour), annotationTypes(m), m.toString());
                        guarded++;
                    }
                }
                assertEquals(METHODS, guarded, flavour + ": guarded methods");
            }
        }
    }

    @Test
    void theGeneratedAppCallsEveryGuardedMethodOnceThroughTheContainer(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("plain");
        AppSources.compile(AppSources.generate(Flavour.PLAIN, METHODS), System.getProperty("java.class.path"),
                classes);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            GeneratedApp app = (GeneratedApp) Class.forName(AppSources.APP_CLASS, true, loader)
                    .getDeclaredConstructor().newInstance();
            try (WeldContainer container = new Weld("startup-sources-test").disableDiscovery()
                    .setClassLoader(loader)
                    .addBeanClasses(app.beanClasses().toArray(new Class<?>[0]))
                    .initialize()) {

                assertEquals(METHODS, app.callEveryGuardedMethod(container));
            }
        }
    }

    @Test
    void aSizeThatIsNotAMultipleOfTenIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AppSources.generate(Flavour.STEADFAST, 15));
        assertThrows(IllegalArgumentException.class, () -> AppSources.generate(Flavour.STEADFAST, 0));
    }

    @Test
    void sourcesThatDoNotCompileFailWithTheCompilersErrors(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AppSources.compile(
                Map.of("broken.Broken", "package broken; class Broken { int x = ; }"),
                System.getProperty("java.class.path"), dir));

        assertTrue(e.getMessage().contains("Broken"), e.getMessage());
    }

    private static List<String> expectedAnnotations(Flavour flavour) {
        if (flavour == Flavour.INTERCEPTOR) {
            return List.of("dev.steadfast.benchmarks.cdi.Noop");
        }
        String prefix = switch (flavour) {
            case PLAIN, INTERCEPTOR -> null;
            case STEADFAST -> "dev.steadfast.";
            case SMALLRYE -> "org.eclipse.microprofile.faulttolerance.";
        };
        return prefix == null ? List.of() : Arrays.stream(new String[] {"Retry", "CircuitBreaker", "Timeout",
                "Fallback"}).map(name -> prefix + name).sorted().toList();
    }

    private static List<String> annotationTypes(Method method) {
        return Arrays.stream(method.getAnnotations()).map(Annotation::annotationType).map(Class::getName).sorted()
                .toList();
    }
}
