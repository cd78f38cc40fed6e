package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using the library" is the build's own code and coordinates, so it cannot drift: a Java block that
 * names a file is that file (compiled and run as a test of this module), the Maven coordinates are this build's
 * version and the BOM's modules, and the modules it requires exist. A change on either side fails here until the
 * other side follows.
 */
class ReadmeLibraryTest {
    private static final Path ROOT = Path.of(System.getProperty("project.root"));
    /** The comment line before a code block that is a file of the build, shown from its first import. */
    private static final Pattern NAMED = Pattern.compile("<!-- the file (\\S+), from its first import -->");

    /** A fenced code block and the line before its fence. */
    private record Block(String language, String lineBefore, String text) {
    }

    private static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("```")) {
                continue;
            }
            String language = lines.get(i).substring(3).strip();
            String before = i > 0 ? lines.get(i - 1) : "";
            StringBuilder text = new StringBuilder();
            for (i++; !lines.get(i).startsWith("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            blocks.add(new Block(language, before, text.toString()));
        }
        return blocks;
    }

    private static Block onlyBlock(String language, String containing) throws IOException {
        List<Block> found = blocks().stream()
                .filter(block -> block.language().equals(language) && block.text().contains(containing)).toList();
        assertEquals(1, found.size(), "README blocks of " + language + " containing " + containing);
        return found.get(0);
    }

    @Test
    void aBlockNamingAFileIsThatFile() throws IOException {
        List<Block> named = blocks().stream().filter(block -> NAMED.matcher(block.lineBefore()).matches()).toList();
        assertFalse(named.isEmpty(), "the README shows no file of the build");
        for (Block block : named) {
            Matcher name = NAMED.matcher(block.lineBefore());
            assertTrue(name.matches());
            String file = Files.readString(ROOT.resolve(name.group(1)));
            int imports = file.indexOf("\nimport ");
            assertTrue(imports > 0, name.group(1) + " has no import");
            assertEquals(file.substring(imports + 1), block.text(),
                    "the README's block differs from " + name.group(1) + ": change both alike");
        }
    }

    @Test
    void theCoordinatesAreThisVersionAndTheBomsModules() throws IOException {
        String coordinates = onlyBlock("xml", "<artifactId>buildsrs-database-bom</artifactId>").text();
        List<String> versions = all(coordinates, "version");
        assertEquals(List.of(System.getProperty("project.version")), versions,
                "the README's BOM version is the build's, and only the BOM names a version");

        String bom = Files.readString(ROOT.resolve("buildsrs-database-bom/pom.xml"));
        Set<String> managed = new TreeSet<>(all(bom.substring(bom.indexOf("<dependencyManagement>"),
                bom.indexOf("</dependencyManagement>")), "artifactId"));
        assertEquals(Set.of("buildsrs-database", "buildsrs-database-migrations", "buildsrs-database-temp",
                "buildsrs-database-options"), managed, "the BOM manages the library modules");
        List<String> used = all(coordinates, "artifactId");
        assertEquals("buildsrs-database-bom", used.get(0));
        for (String module : used.subList(1, used.size())) {
            assertTrue(managed.contains(module), module + " in the README is not managed by the BOM " + managed);
        }
    }

    @Test
    void theRequiredModulesAreTheProjectsModules() throws IOException {
        String declaration = onlyBlock("java", "requires rs.builds.database;").text();
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path info : dirs.map(dir -> dir.resolve("src/main/java/module-info.java")).filter(Files::exists)
                    .toList()) {
                Matcher module = Pattern.compile("(?m)^module (\\S+) \\{").matcher(Files.readString(info));
                assertTrue(module.find(), info.toString());
                modules.add(module.group(1));
            }
        }
        Matcher requires = Pattern.compile("requires (\\S+);").matcher(declaration);
        int count = 0;
        for (; requires.find(); count++) {
            assertTrue(modules.contains(requires.group(1)), requires.group(1) + " is none of " + modules);
        }
        assertTrue(count > 0, declaration);
    }

    private static List<String> all(String xml, String element) {
        Matcher matcher = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(xml);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
