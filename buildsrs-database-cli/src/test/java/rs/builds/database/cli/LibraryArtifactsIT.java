package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What a project depending on the library gets from a repository, as the build leaves it: each library module's jar
 * with {@code -sources} and {@code -javadoc} jars beside it, a BOM of those modules at the build's version, and the
 * license and SCM metadata in the poms. Runs after the library modules are packaged (they come before this module in
 * the reactor), on their {@code target} folders.
 */
class LibraryArtifactsIT {
    private static final Path ROOT = Path.of(System.getProperty("project.root"));
    private static final String VERSION = System.getProperty("project.version");
    private static final String BOM = "buildsrs-database-bom";

    private static String pom(String module) throws IOException {
        return Files.readString(ROOT.resolve(module.isEmpty() ? "pom.xml" : module + "/pom.xml"));
    }

    /** @return the texts of each element of this name, in order (outermost only if they nest) */
    private static List<String> elements(String xml, String name) {
        Matcher matcher = Pattern.compile("(?s)<" + name + "(?: [^>]*)?>(.*?)</" + name + ">").matcher(xml);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1).strip());
        }
        return found;
    }

    private static String element(String xml, String name) {
        List<String> found = elements(xml, name);
        assertFalse(found.isEmpty(), "no <" + name + ">");
        return found.get(0);
    }

    private static List<String> libraryModules() throws IOException {
        return elements(element(pom(BOM), "dependencyManagement"), "artifactId");
    }

    @Test
    void theBomManagesEveryLibraryModuleAtTheBuildsVersion() throws IOException {
        String bom = pom(BOM);
        assertEquals(VERSION, element(bom, "version"), "the BOM has no parent: its version is written in its pom");
        assertEquals("pom", element(bom, "packaging"));
        assertFalse(bom.contains("<parent>"), "a parent's dependencyManagement would be imported with the BOM");
        assertEquals(List.of("buildsrs-database", "buildsrs-database-migrations", "buildsrs-database-temp",
                "buildsrs-database-options"), libraryModules());
        for (String version : elements(element(bom, "dependencyManagement"), "version")) {
            assertEquals("${project.version}", version);
        }
        assertTrue(elements(pom(""), "module").contains(BOM), "the BOM is built with the rest");
    }

    @Test
    void everyPomSaysTheLicenseAndWhereTheSourceIs() throws IOException {
        String parent = pom("");
        assertTrue(element(parent, "licenses").contains("<name>MIT License</name>"), element(parent, "licenses"));
        assertTrue(Files.readString(ROOT.resolve("LICENSE")).startsWith("MIT License\n"));
        String bom = pom(BOM);
        // the BOM cannot inherit them (see its pom): the same texts, written again
        for (String name : List.of("url", "licenses", "developers", "connection", "developerConnection")) {
            assertEquals(element(parent, name), element(bom, name), "<" + name + "> of the BOM and the parent");
        }
        assertEquals(element(element(parent, "scm"), "url"), element(element(bom, "scm"), "url"));
        // the library modules inherit them: none overrides them with a path of its own
        for (String module : libraryModules()) {
            for (String name : List.of("licenses", "scm", "url", "developers")) {
                assertTrue(elements(pom(module), name).isEmpty(), module + " overrides <" + name + ">");
            }
        }
    }

    @Test
    void everyLibraryModuleShipsItsSourcesAndJavadoc() throws IOException {
        for (String module : libraryModules()) {
            Path target = ROOT.resolve(module).resolve("target");
            String moduleName = moduleName(module);
            assertTrue(Files.exists(target.resolve(module + "-" + VERSION + ".jar")), module);
            try (ZipFile sources = new ZipFile(target.resolve(module + "-" + VERSION + "-sources.jar").toFile())) {
                assertNotNull(sources.getEntry("module-info.java"), module + "'s sources");
            }
            try (ZipFile javadoc = new ZipFile(target.resolve(module + "-" + VERSION + "-javadoc.jar").toFile())) {
                assertNotNull(javadoc.getEntry(moduleName + "/module-summary.html"), module + "'s javadoc");
                List<String> internal = javadoc.stream().map(ZipEntry::getName)
                        .filter(name -> name.contains("/internal/")).toList();
                assertEquals(List.of(), internal, "javadoc of packages the module does not export");
            }
        }
        try (var jars = Files.list(ROOT.resolve("buildsrs-database-cli/target"))) {
            assertEquals(List.of(), jars.map(jar -> jar.getFileName().toString())
                    .filter(name -> name.endsWith("-javadoc.jar") || name.endsWith("-sources.jar")).toList(),
                    "the CLI is an application, not a library");
        }
    }

    private static String moduleName(String module) throws IOException {
        Matcher name = Pattern.compile("(?m)^module (\\S+) \\{")
                .matcher(Files.readString(ROOT.resolve(module).resolve("src/main/java/module-info.java")));
        assertTrue(name.find(), module);
        return name.group(1);
    }
}
