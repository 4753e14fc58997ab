package dev.steadfast.benchmarks.startup;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java sources of an application with {@code methods} guarded methods: {@code methods / 10} application-scoped
 * classes {@code Service0000}, {@code Service0001}, … of {@value #METHODS_PER_CLASS} methods {@code m0()} … {@code m9()}
 * each, returning {@code "ok"}, plus a {@code fallback()} per class; every flavour has the same beans, only the
 * annotations on {@code m0} … {@code m9} differ. And {@value #APP_CLASS}, the {@link GeneratedApp} that lists the beans
 * and calls each method once.
 *
 * <p>Generated and compiled when the benchmark runs ({@link #compile}), not at build time: 5,000 methods in three
 * flavours would be 1,500 classes compiled by every {@code mvn package} of the module, and the sizes are a knob of the
 * script.
 */
public final class AppSources {

    public static final int METHODS_PER_CLASS = 10;
    public static final String PACKAGE = "dev.steadfast.benchmarks.startup.app";
    public static final String APP_CLASS = PACKAGE + ".App";
    /** What every guarded method returns; its fallback returns something else. */
    public static final String RESULT = "ok";

    private AppSources() {
    }

    /** Source of each class by its fully qualified name; {@code methods} must be a positive multiple of 10. */
    public static Map<String, String> generate(Flavour flavour, int methods) {
        if (methods <= 0 || methods % METHODS_PER_CLASS != 0) {
            throw new IllegalArgumentException("methods must be a positive multiple of " + METHODS_PER_CLASS
                    + ", not " + methods);
        }
        int classes = methods / METHODS_PER_CLASS;
        Map<String, String> sources = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            sources.put(PACKAGE + "." + beanName(c), bean(flavour, c));
        }
        sources.put(APP_CLASS, app(classes));
        return sources;
    }

    static String beanName(int index) {
        return String.format(Locale.ROOT, "Service%04d", index);
    }

    private static String bean(Flavour flavour, int index) {
        StringBuilder b = new StringBuilder();
        b.append("package ").append(PACKAGE).append(";\n\n")
                .append("@jakarta.enterprise.context.ApplicationScoped\n")
                .append("public class ").append(beanName(index)).append(" {\n");
        for (int m = 0; m < METHODS_PER_CLASS; m++) {
            b.append('\n');
            for (String annotation : flavour.annotations()) {
                b.append("    ").append(annotation).append('\n');
            }
            b.append("    public String m").append(m).append("() {\n")
                    .append("        return \"").append(RESULT).append("\";\n")
                    .append("    }\n");
        }
        b.append("\n    String fallback() {\n        return \"fallback\";\n    }\n}\n");
        return b.toString();
    }

    /**
     * One helper per bean class keeps every method body far below the JVM's 64 KB limit at 5,000 methods; the calls
     * are plain {@code invokevirtual}s on the client proxy.
     */
    private static String app(int classes) {
        StringBuilder b = new StringBuilder();
        b.append("package ").append(PACKAGE).append(";\n\n")
                .append("public final class App implements dev.steadfast.benchmarks.startup.GeneratedApp {\n\n")
                .append("    @Override\n")
                .append("    public java.util.List<Class<?>> beanClasses() {\n")
                .append("        java.util.List<Class<?>> classes = new java.util.ArrayList<>();\n");
        for (int c = 0; c < classes; c++) {
            b.append("        classes.add(").append(beanName(c)).append(".class);\n");
        }
        b.append("        return classes;\n    }\n\n")
                .append("    @Override\n")
                .append("    public int callEveryGuardedMethod(")
                .append("jakarta.enterprise.inject.Instance<Object> container) {\n")
                .append("        int ok = 0;\n");
        for (int c = 0; c < classes; c++) {
            b.append("        ok += call").append(c).append("(container);\n");
        }
        b.append("        return ok;\n    }\n\n")
                .append("    private static int ok(String result) {\n")
                .append("        return \"").append(RESULT).append("\".equals(result) ? 1 : 0;\n    }\n");
        for (int c = 0; c < classes; c++) {
            String bean = beanName(c);
            b.append("\n    private static int call").append(c)
                    .append("(jakarta.enterprise.inject.Instance<Object> container) {\n")
                    .append("        ").append(bean).append(" b = container.select(").append(bean)
                    .append(".class).get();\n")
                    .append("        return ");
            for (int m = 0; m < METHODS_PER_CLASS; m++) {
                b.append(m == 0 ? "" : " + ").append("ok(b.m").append(m).append("())");
            }
            b.append(";\n    }\n");
        }
        b.append("}\n");
        return b.toString();
    }

    /**
     * Compiles {@code sources} into {@code classes} (created if need be) against {@code classpath}, with the JDK's
     * compiler in this JVM.
     *
     * @throws IllegalStateException with the compiler's errors when they do not compile
     */
    public static void compile(Map<String, String> sources, String classpath, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler in " + System.getProperty("java.home")
                    + ": the start-up benchmark needs a JDK, not a JRE");
        }
        Files.createDirectories(classes);
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", classpath, "--release", "17",
                    "-proc:none", "-nowarn");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, units).call();
            if (!compiled) {
                StringBuilder errors = new StringBuilder("The generated application does not compile:");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    errors.append('\n').append(d);
                }
                throw new IllegalStateException(errors.toString());
            }
        }
    }

    /** A source held in memory. */
    private static final class Source extends SimpleJavaFileObject {

        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
