package dev.steadfast.testsupport;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The published modules agree with the BOM: a module is published when its pom names the javadoc plugin (the parent
 * attaches sources and javadoc jars to exactly those with -Prelease); the BOM manages exactly those, at the parent's
 * version, and each names its automatic module after its artifact ({@code steadfast-engine}:
 * {@code dev.steadfast.engine}; a hyphen becomes a dot: {@code steadfast-rest-client}: {@code dev.steadfast.rest.client}).
 */
class PublishedModulesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theBomManagesEveryPublishedModuleAtTheParentsVersion() throws Exception {
        Element parent = read(ROOT.resolve("pom.xml"));
        Element bom = read(ROOT.resolve("bom/pom.xml"));

        assertEquals(text(parent, "version"), text(bom, "version"), "bom/pom.xml's version");
        assertEquals(new TreeSet<>(published().keySet()), managedBy(bom), "the BOM's modules");
    }

    @Test
    void everyPublishedModuleNamesItsAutomaticModuleAfterItsArtifact() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, Element> module : published().entrySet()) {
            String name = module.getKey().replace("steadfast-", "").replace('-', '.');
            expected.put(module.getKey(), "dev.steadfast." + name);
            var names = module.getValue().getElementsByTagName("Automatic-Module-Name");
            actual.put(module.getKey(), names.getLength() == 1 ? names.item(0).getTextContent().trim() : null);
        }
        assertEquals(expected, actual);
    }

    /** The published modules of the reactor: artifactId to pom. */
    private static Map<String, Element> published() throws Exception {
        Map<String, Element> published = new TreeMap<>();
        Element parent = read(ROOT.resolve("pom.xml"));
        for (Node m = parent.getElementsByTagName("module").item(0); m != null; m = m.getNextSibling()) {
            if (m instanceof Element module) {
                Path pom = ROOT.resolve(module.getTextContent()).resolve("pom.xml");
                Element project = read(pom);
                if (plugins(project).contains("maven-javadoc-plugin")) {
                    published.put(text(project, "artifactId"), project);
                }
            }
        }
        return published;
    }

    private static TreeSet<String> managedBy(Element bom) {
        TreeSet<String> managed = new TreeSet<>();
        Element management = child(bom, "dependencyManagement");
        for (Element dependency : children(child(management, "dependencies"), "dependency")) {
            managed.add(text(dependency, "artifactId"));
        }
        return managed;
    }

    private static List<String> plugins(Element project) {
        List<String> names = new ArrayList<>();
        Element build = child(project, "build");
        if (build != null && child(build, "plugins") != null) {
            for (Element plugin : children(child(build, "plugins"), "plugin")) {
                names.add(text(plugin, "artifactId"));
            }
        }
        return names;
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try (var in = Files.newInputStream(pom)) {
            Document document = factory.newDocumentBuilder().parse(in);
            return document.getDocumentElement();
        }
    }

    private static String text(Element element, String child) {
        return child(element, child).getTextContent().trim();
    }

    private static Element child(Element element, String name) {
        List<Element> found = children(element, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element element, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }
}
