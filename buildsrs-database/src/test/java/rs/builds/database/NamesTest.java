package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Names}: a table of good and bad values of each kind, the hand-written checks equal to the
 * regular expressions on generated values, real crates.io names and versions, and messages that say what is wrong.
 * {@code NamesSchemaTest} proves that the schema's CHECKs agree on the same table.
 */
class NamesTest {
    static final List<String> GOOD_CRATES = List.of("a", "A", "Inflector", "serde", "serde_json", "serde-json", "a-",
            "a_", "x1", "cfg-if", "lazy_static", "bzip2-sys", "a" + "0".repeat(63), "Z_-9");
    static final List<String> BAD_CRATES = List.of("", "1a", "-a", "_a", "my crate", " serde", "serde ", "a\nb",
            "a\tb", "a.b", "a+b", "a/b", "crab\u00e9", "\u00e9", "\uFF21", "\u0455erde", "ser\u200Bde", "serde\u00A0",
            "a" + "0".repeat(64), "'; DROP TABLE crates; --", "\uD83E\uDD80");

    static final List<String> GOOD_VERSIONS = List.of("0.0.0", "1.0.0", "10.20.30", "0.8.0-rc1", "1.0.172-alpha.0",
            "0.1.11+1.0.8", "0.0.0-0.0.0-0.0.0", "0.0.0--a-", "1.0.0-alpha.01", "0.0.1-001", "0.4.0-alpha.00",
            "1.0.0+001", "1.0.0-x.7.z.92", "1.0.0+21AF26D3----117B344092BD", "1.0.0-0A.is.legal",
            "1.0.0-alpha+beta", "99999999999999999999999.999999999999999999.99999999999999999",
            "1.0.0-" + "a".repeat(144));
    static final List<String> BAD_VERSIONS = List.of("", "1", "1.0", "1.0.", "1.0.0.", "1.2.3.4", "01.0.0", "1.01.0",
            "1.0.01", "1.0.0-", "1.0.0+", "1.0.0-a..b", "1.0.0+a..b", "1.0.0-a.", "1.0.0-a_b", "1.0.0 ", " 1.0.0",
            "v1.0.0", "1.0.0\n", "1.0.0-\u00e9", "1.0.0+a+b", "1.0.0-+", "-1.0.0", "1.0.0-" + "a".repeat(145),
            "\uFF11.0.0", "1.0.0-a\u200B", "1..0", "a.b.c");

    static final List<String> GOOD_TARGETS = List.of("x86_64-unknown-linux-gnu", "thumbv8m.main-none-eabi",
            "wasm32-unknown-unknown", "aarch64-apple-darwin", "i686-pc-windows-msvc", "0abc", "a", "x".repeat(64),
            "aarch64-unknown-linux-gnu_ilp32");
    static final List<String> BAD_TARGETS = List.of("", " x86_64-unknown-linux-gnu", "x86_64-unknown-linux-gnu ",
            "x86_64 unknown linux", "a\nb", "X86_64-unknown-linux-gnu", "-x", ".x", "_x", "x".repeat(65),
            "x86_64-unknown-linux-gnu\t", "target/x", "\uFF41", "x86_64-unknown-linux-gnu\u0000");

    private static final Pattern CRATE = Pattern.compile(Names.CRATE_NAME_REGEX);
    private static final Pattern VERSION = Pattern.compile(Names.VERSION_REGEX);
    private static final Pattern TARGET = Pattern.compile(Names.TARGET_NAME_REGEX);
    private static final Pattern CHECKSUM = Pattern.compile(Names.CHECKSUM_REGEX);

    /** Where the real index sample is, seen from this module (a copy of /work/shared/data/crates-io-index-sample). */
    private static final Path SAMPLE = Path.of("../buildsrs-database-cli/src/test/crates-io-index-sample");

    @Test
    void theTableIsWhatTheChecksAndTheExpressionsSay() {
        for (String name : GOOD_CRATES) {
            assertTrue(Names.isCrateName(name), name);
            assertTrue(isCrateNameByRegex(name), name);
            assertEquals(name, Names.crateName(name));
        }
        for (String name : BAD_CRATES) {
            assertFalse(Names.isCrateName(name), name);
            assertFalse(isCrateNameByRegex(name), name);
            assertThrows(InvalidInputException.class, () -> Names.crateName(name), name);
        }
        for (String version : GOOD_VERSIONS) {
            assertTrue(Names.isVersion(version), version);
            assertTrue(isVersionByRegex(version), version);
            assertEquals(version, Names.version(version));
        }
        for (String version : BAD_VERSIONS) {
            assertFalse(Names.isVersion(version), version);
            assertFalse(isVersionByRegex(version), version);
            assertThrows(InvalidInputException.class, () -> Names.version(version), version);
        }
        for (String name : GOOD_TARGETS) {
            assertTrue(Names.isTargetName(name), name);
            assertTrue(TARGET.matcher(name).matches(), name);
        }
        for (String name : BAD_TARGETS) {
            assertFalse(Names.isTargetName(name), name);
            assertFalse(TARGET.matcher(name).matches(), name);
            assertThrows(InvalidInputException.class, () -> Names.targetName(name), name);
        }
        for (String value : new String[] {null}) {
            assertFalse(Names.isCrateName(value) || Names.isVersion(value) || Names.isTargetName(value)
                    || Names.isChecksum(value));
            assertThrows(InvalidInputException.class, () -> Names.crateName(value));
            assertThrows(InvalidInputException.class, () -> Names.version(value));
            assertThrows(InvalidInputException.class, () -> Names.targetName(value));
            assertThrows(InvalidInputException.class, () -> Names.checksum(value));
        }
    }

    /**
     * Values over an alphabet that has every character some rule treats apart, and some no rule allows: the
     * hand-written checks say what the regular expressions (the schema's) say, on every one.
     */
    static List<String> generated(long seed, int count) {
        String alphabet = "0012.-_+aZz \n\u00e9\u0130";
        Random random = new Random(seed);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(14);
            if (random.nextInt(3) == 0) {
                // versions-like starts, so the pre-release and build parts are reached often
                value.append(random.nextInt(3)).append('.').append(random.nextInt(12)).append('.')
                        .append(random.nextInt(3));
            }
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        return values;
    }

    @Test
    void handWrittenChecksEqualTheExpressionsOnGeneratedValues() {
        int versions = 0;
        for (String value : generated(20261130, 200_000)) {
            assertEquals(isCrateNameByRegex(value), Names.isCrateName(value), value);
            assertEquals(isVersionByRegex(value), Names.isVersion(value), value);
            assertEquals(TARGET.matcher(value).matches(), Names.isTargetName(value), value);
            versions += Names.isVersion(value) ? 1 : 0;
        }
        assertTrue(versions > 5_000, "the generated values hold versions too: " + versions);
        String hex = "0123456789abcdef";
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = 62 + random.nextInt(4);
            for (int j = 0; j < length; j++) {
                value.append(random.nextInt(200) == 0 ? "gA \u0660".charAt(random.nextInt(4))
                        : hex.charAt(random.nextInt(16)));
            }
            assertEquals(CHECKSUM.matcher(value).matches(), Names.isChecksum(value.toString()), value.toString());
        }
    }

    @Test
    void everyNameAndVersionOfTheRealIndexSamplePasses() throws IOException {
        Pattern field = Pattern.compile("\"(name|vers)\":\"([^\"]*)\"");
        int versions = 0;
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().contains("."))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    // the first "name" and "vers" of a line are the version's own (dependencies come after)
                    Matcher matcher = field.matcher(line);
                    String name = null;
                    String version = null;
                    while (matcher.find() && (name == null || version == null)) {
                        if (matcher.group(1).equals("name") && name == null) {
                            name = matcher.group(2);
                        } else if (matcher.group(1).equals("vers") && version == null) {
                            version = matcher.group(2);
                        }
                    }
                    assertEquals(name, Names.crateName(name), file.toString());
                    assertEquals(version, Names.version(version), file + " " + name);
                    versions++;
                }
            }
        }
        assertEquals(523, versions, "the sample's README counts 523 versions");
        // and the four that crates.io has with leading zeros in a numeric pre-release identifier
        for (String version : List.of("0.4.0-alpha.00", "0.4.0-alpha.01", "0.0.1-001", "0.3.0-alpha.01")) {
            assertTrue(Names.isVersion(version), version);
        }
    }

    @Test
    void canonicalNamesAreCratesIosAndNeedAValidName() {
        assertEquals("inflector", Names.canonicalCrateName("Inflector"));
        assertEquals("serde_json", Names.canonicalCrateName("Serde-JSON"));
        assertEquals(Names.canonicalCrateName("serde_json"), Names.canonicalCrateName("serde-json"));
        assertThrows(InvalidInputException.class, () -> Names.canonicalCrateName("my crate"));
    }

    @Test
    void messagesSayWhichRuleIsBrokenAndShowTheValueSafely() {
        assertEquals("target name ' x86_64-unknown-linux-gnu' has ' ' (U+0020) first: a target name is a target"
                + " triple such as x86_64-unknown-linux-gnu: lowercase ASCII letters, digits, '_', '-' and '.', starting"
                + " with a letter or digit, at most 64 characters",
                assertThrows(InvalidInputException.class, () -> Names.targetName(" x86_64-unknown-linux-gnu"))
                        .getMessage());
        String newline = assertThrows(InvalidInputException.class, () -> Names.targetName("a\nb")).getMessage();
        assertTrue(newline.startsWith("target name 'a\\nb' has '\\n' (U+000A) at index 1: "), newline);
        assertFalse(newline.contains("\n"), newline);
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.crateName("my crate")).getMessage()
                .startsWith("crate name 'my crate' has ' ' (U+0020) at index 2: a crate name has only ASCII letters,"
                        + " digits, '-' and '_', starts with a letter and has at most 64 characters"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.crateName("1password")).getMessage()
                .startsWith("crate name '1password' has '1' (U+0031) first: "));
        String zeroWidth = assertThrows(InvalidInputException.class, () -> Names.crateName("ser\u200Bde")).getMessage();
        assertTrue(zeroWidth.startsWith("crate name 'ser\\u200Bde' has '\\u200B' (U+200B) at index 3"), zeroWidth);
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.crateName("a".repeat(65))).getMessage()
                .contains("is 65 characters long; at most 64 are allowed"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.crateName("")).getMessage()
                .startsWith("crate name must not be empty: "));
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.version("1.0")).getMessage()
                .startsWith("version '1.0' is not valid at its end: a version is a SemVer 2.0 version"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Names.version("1.02.0")).getMessage()
                .startsWith("version '1.02.0' is not valid at index 3 ('2' (U+0032)): "));
        String longVersion = assertThrows(InvalidInputException.class, () -> Names.version("1.0.0-" + "a".repeat(
                1 << 20))).getMessage();
        assertTrue(longVersion.length() < 600 && longVersion.contains("(1048582 characters)"), longVersion);
        assertEquals("checksum must be 64 lowercase hex digits (a SHA-256), got 'ABC\\r'",
                assertThrows(InvalidInputException.class, () -> Names.checksum("ABC\r")).getMessage());
    }

    private static boolean isCrateNameByRegex(String value) {
        return value.length() <= Names.CRATE_NAME_MAX && CRATE.matcher(value).matches();
    }

    private static boolean isVersionByRegex(String value) {
        return value.length() <= Names.VERSION_MAX && VERSION.matcher(value).matches();
    }
}
