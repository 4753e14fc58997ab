package dev.steadfast.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's one dependency rule, checked on its compiled classes: nothing in {@code steadfast-engine} refers to
 * CDI, Interceptors, Jakarta EE or MicroProfile. Maven already keeps those APIs off the engine's classpath; this
 * test also catches a reference by name (a {@code Class.forName("jakarta...")}) and a dependency someone adds to
 * the pom later.
 */
class ArchitectureTest {

    /** Package prefixes the engine must not name, in class-file form and in dotted form. */
    private static final List<String> FORBIDDEN = List.of("jakarta/", "jakarta.", "org/eclipse/microprofile/",
            "org.eclipse.microprofile.");

    @Test
    void noEngineClassReferencesJakartaOrMicroProfile() throws Exception {
        Path classes = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> offenders = violations(classes);
        assertTrue(count(classes) > 50, "the scan found the engine's classes under " + classes);
        assertEquals(List.of(), offenders, "engine classes referring to jakarta.* or org.eclipse.microprofile.*");
    }

    @Test
    void theScanSeesAReferenceWhereThereIsOne(@TempDir Path dir) throws IOException, URISyntaxException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("jakarta/fake"));
        Files.createDirectories(src.resolve("sample"));
        Files.writeString(src.resolve("jakarta/fake/Thing.java"), "package jakarta.fake; public class Thing {}");
        Files.writeString(src.resolve("sample/Uses.java"),
                "package sample; class Uses { Object o() { return new jakarta.fake.Thing(); } }");
        Files.writeString(src.resolve("sample/Clean.java"), "package sample; class Clean { int x; }");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(), src.resolve("jakarta/fake/Thing.java").toString(),
                src.resolve("sample/Uses.java").toString(), src.resolve("sample/Clean.java").toString());
        assertEquals(0, rc);
        Files.walk(out.resolve("jakarta")).sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());

        assertEquals(List.of("sample/Uses.class: jakarta/fake/Thing"), violations(out));
    }

    private static long count(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class")).count();
        }
    }

    private static List<String> violations(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                try (InputStream in = Files.newInputStream(p)) {
                    for (String s : new TreeSet<>(constantStrings(in))) {
                        if (FORBIDDEN.stream().anyMatch(s::contains)) {
                            found.add(root.relativize(p).toString().replace('\\', '/') + ": " + s);
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Every UTF-8 entry of a class file's constant pool: class names, descriptors and signatures (so also types
     * that only appear in fields, annotations or generics) and string literals.
     */
    private static List<String> constantStrings(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }
}
