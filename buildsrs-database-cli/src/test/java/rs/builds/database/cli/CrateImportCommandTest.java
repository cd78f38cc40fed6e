package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class CrateImportCommandTest {
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final String D = "d".repeat(64);

    /** One version as crates.io writes it, with the fields the import ignores around the ones it reads. */
    private static String line(String name, String version, String checksum, boolean yanked) {
        return "{\"name\":\"" + name + "\",\"vers\":\"" + version + "\",\"deps\":[{\"name\":\"rand\",\"req\":\"^0.8\","
                + "\"features\":[],\"optional\":false,\"default_features\":true,\"target\":null,\"kind\":\"normal\"}],"
                + "\"cksum\":\"" + checksum + "\",\"features\":{\"std\":[\"rand/std\"]},\"yanked\":" + yanked
                + ",\"links\":null,\"v\":2}";
    }

    private static void write(Path index, String file, String... lines) throws IOException {
        Path path = index.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, String.join("\n", lines) + "\n");
    }

    /** An index in the real layout: 4 crates, 6 versions, a config.json and a .git folder full of junk. */
    private static Path index(Path dir) throws IOException {
        Path index = dir.resolve("index");
        write(index, "config.json", "{\"dl\":\"https://static.crates.io/crates\",\"api\":\"https://crates.io\"}");
        write(index, ".git/HEAD", "ref: refs/heads/master");
        write(index, ".git/objects/pack/junk", "not json at all", "{\"name\":");
        write(index, ".gitignore", "*");
        write(index, "1/a", line("a", "0.1.0", A, false));
        write(index, "2/ab", line("ab", "1.0.0", B, false), line("ab", "1.0.1", C, true));
        write(index, "3/a/abc", line("abc", "0.0.1", D, false));
        write(index, "se/rd/serde", line("serde", "1.0.0", A, false), line("serde", "1.0.1", B, false));
        return index;
    }

    private static String table(long rows, long rowsYanked, long cratesAdded, long versionsAdded, long yanked,
                                long unyanked, long unchanged, long rejected, long missingCrates,
                                long missingVersions, long malformed) {
        return "rows              " + rows + "\n"
                + "rows yanked       " + rowsYanked + "\n"
                + "crates added      " + cratesAdded + "\n"
                + "versions added    " + versionsAdded + "\n"
                + "became yanked     " + yanked + "\n"
                + "became unyanked   " + unyanked + "\n"
                + "unchanged         " + unchanged + "\n"
                + "rejected          " + rejected + "\n"
                + "missing crates    " + missingCrates + "\n"
                + "missing versions  " + missingVersions + "\n"
                + "malformed lines   " + malformed + "\n";
    }

    private static JsonNode importJson(TempDatabase database, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "crate";
        all[1] = "import";
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 1] = "--json";
        CliRun run = CliRun.on(database, all);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        return run.json();
    }

    private static String crates(TempDatabase database) {
        return CliRun.on(database, "crate", "list", "--json").json().toString();
    }

    @Test
    void importsAnIndexDirectoryIgnoringConfigAndDotFiles(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        assertEquals(new CliRun(0, table(6, 1, 4, 6, 0, 0, 0, 0, 0, 0, 0), ""),
                CliRun.on(database, "crate", "import", index.toString()));

        assertEquals("[{\"name\":\"a\",\"enabled\":true,\"priority\":0},"
                + "{\"name\":\"ab\",\"enabled\":true,\"priority\":0},"
                + "{\"name\":\"abc\",\"enabled\":true,\"priority\":0},"
                + "{\"name\":\"serde\",\"enabled\":true,\"priority\":0}]", crates(database));
        JsonNode ab = CliRun.on(database, "crate", "show", "ab", "--json").json().get("versions");
        assertEquals("[{\"crate\":\"ab\",\"version\":\"1.0.0\",\"checksum\":\"" + B + "\",\"yanked\":false},"
                + "{\"crate\":\"ab\",\"version\":\"1.0.1\",\"checksum\":\"" + C + "\",\"yanked\":true}]", ab.toString());
        JsonNode serde = CliRun.on(database, "crate", "show", "serde", "--json").json().get("versions");
        assertEquals(2, serde.size());
        assertEquals(A, serde.get(0).get("checksum").textValue());
    }

    @Test
    void reimportIsUnchangedAndCountsChangedFlagsAndNewVersions(TempDatabase database, @TempDir Path dir)
            throws Exception {
        Path index = index(dir);
        importJson(database, index.toString());
        JsonNode again = importJson(database, index.toString());
        assertEquals("{\"rows\":6,\"rowsYanked\":1,\"cratesAdded\":0,\"versionsAdded\":0,\"versionsBecameYanked\":0,"
                + "\"versionsBecameUnyanked\":0,"
                + "\"unchanged\":6,\"rejected\":0,\"missingCrates\":0,\"missingVersions\":0,\"malformedLines\":0,"
                + "\"rejectedExamples\":[],\"missingCrateExamples\":[],\"missingVersionExamples\":[]}", again.toString());

        // ab 1.0.1 unyanked, serde 1.0.0 yanked, serde 1.0.2 new
        write(index, "2/ab", line("ab", "1.0.0", B, false), line("ab", "1.0.1", C, false));
        write(index, "se/rd/serde", line("serde", "1.0.0", A, true), line("serde", "1.0.1", B, false),
                line("serde", "1.0.2", C, false));
        JsonNode changed = importJson(database, index.toString());
        assertEquals(7, changed.get("rows").longValue());
        assertEquals(0, changed.get("cratesAdded").longValue());
        assertEquals(1, changed.get("versionsAdded").longValue());
        assertEquals(1, changed.get("rowsYanked").longValue());
        assertEquals(1, changed.get("versionsBecameYanked").longValue());
        assertEquals(1, changed.get("versionsBecameUnyanked").longValue());
        assertEquals(4, changed.get("unchanged").longValue());
        assertEquals("[{\"crate\":\"serde\",\"version\":\"1.0.0\",\"checksum\":\"" + A + "\",\"yanked\":true},"
                + "{\"crate\":\"serde\",\"version\":\"1.0.1\",\"checksum\":\"" + B + "\",\"yanked\":false},"
                + "{\"crate\":\"serde\",\"version\":\"1.0.2\",\"checksum\":\"" + C + "\",\"yanked\":false}]",
                CliRun.on(database, "crate", "show", "serde", "--json").json().get("versions").toString());
    }

    @Test
    void aWholeIndexReportsWhatItLacksWithExamples(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        CliRun.on(database, "crate", "add", "gone");
        importJson(database, index.toString());
        write(index, "2/ab", line("ab", "1.0.0", B, false));
        assertEquals(new CliRun(0, table(5, 0, 0, 0, 0, 0, 5, 0, 1, 1, 0)
                + "\nmissing crates:\nCRATE\ngone\n\nmissing versions:\nCRATE  VERSION\nab     1.0.1\n", ""),
                CliRun.on(database, "crate", "import", index.toString()));
    }

    @Test
    void aSingleFileIsPartOfTheIndex(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        CliRun.on(database, "crate", "add", "tokio");
        JsonNode summary = importJson(database, index.resolve("se/rd/serde").toString());
        assertEquals(2, summary.get("rows").longValue());
        assertEquals(1, summary.get("cratesAdded").longValue());
        assertEquals(2, summary.get("versionsAdded").longValue());
        // a file covers only its crate: tokio is not missing from it
        assertEquals(0, summary.get("missingCrates").longValue());
        assertEquals("[{\"name\":\"serde\",\"enabled\":true,\"priority\":0},"
                + "{\"name\":\"tokio\",\"enabled\":true,\"priority\":0}]", crates(database));
    }

    /** The index with three malformed lines, and what is reported about them. */
    private static List<String> malform(Path index) throws IOException {
        write(index, "2/ab", line("ab", "1.0.0", B, false), "{\"name\":\"ab\",\"vers\":");
        write(index, "3/a/abc", line("abc", "0.0.1", D, false).replace(",\"cksum\":\"" + D + "\"", ""));
        write(index, "se/rd/serde", line("serde", "1.0.0", A, false), line("", "1.0.1", B, false),
                line("serde", "1.0.2", "ABC", false), line("serde", "1.0.3", C, false).replace("false", "\"no\""));
        return List.of(
                "ERROR: " + index.resolve("2/ab") + ":2: not valid JSON: Unexpected end-of-input",
                "ERROR: " + index.resolve("3/a/abc") + ":1: missing \"cksum\"",
                "ERROR: " + index.resolve("se/rd/serde") + ":2: \"name\": crate name must not be empty: a crate name"
                        + " has only ASCII letters, digits, '-' and '_', starts with a letter and has at most 64"
                        + " characters (crates.io's rule)",
                "ERROR: " + index.resolve("se/rd/serde") + ":3: \"cksum\": checksum must be 64 lowercase hex digits"
                        + " (a SHA-256), got 'ABC'",
                "ERROR: " + index.resolve("se/rd/serde") + ":4: \"yanked\" must be true or false");
    }

    private static void assertReported(List<String> expected, String err, String last) {
        List<String> lines = err.lines().toList();
        assertEquals(expected.size() + 1, lines.size(), err);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(lines.get(i).startsWith(expected.get(i)), lines.get(i) + "\nexpected: " + expected.get(i));
        }
        assertEquals(last, lines.get(expected.size()));
    }

    @Test
    void malformedLinesAreAllReportedAndNothingIsImported(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        List<String> errors = malform(index);
        CliRun run = CliRun.on(database, "crate", "import", index.toString());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertReported(errors, run.err(),
                "ERROR: 5 malformed lines; nothing imported (pass --skip-invalid to import the rest)");
        assertEquals("[]", crates(database));
    }

    @Test
    void bytesThatAreNotUtf8AreAMalformedLine(TempDatabase database, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("cafe");
        // "café" in ISO-8859-1: the é is the byte E9, which UTF-8 cannot decode
        Files.write(file, line("caf\u00e9", "1.0.0", A, false).getBytes(StandardCharsets.ISO_8859_1));
        CliRun run = CliRun.on(database, "crate", "import", file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("ERROR: " + file + ":1: \"name\" is not valid UTF-8"), run.err());
        assertEquals("[]", crates(database));
    }

    @Test
    void aLineLongerThan16MiBIsMalformedAndEndsItsFile(TempDatabase database, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("huge");
        // e.g. an index exported as one JSON array: read whole, it would take the heap
        Files.writeString(file, line("ab", "1.0.0", A, false) + "\n" + "x".repeat(17 << 20) + "\n"
                + line("ab", "1.0.1", B, false) + "\n");
        CliRun strict = CliRun.on(database, "crate", "import", file.toString());
        assertEquals(1, strict.exit());
        assertTrue(strict.err().startsWith("ERROR: " + file + ":2: longer than 16 MiB; the rest of this file is"
                + " skipped\n"), strict.err());
        assertEquals("[]", crates(database));
        CliRun lenient = CliRun.on(database, "crate", "import", file.toString(), "--skip-invalid", "--json");
        assertEquals(0, lenient.exit(), lenient.err());
        assertEquals(1, lenient.json().get("rows").longValue());
        assertEquals(1, lenient.json().get("malformedLines").longValue());
    }

    @Test
    void skipInvalidImportsTheRest(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        List<String> errors = malform(index);
        CliRun run = CliRun.on(database, "crate", "import", index.toString(), "--skip-invalid", "--json");
        assertEquals(0, run.exit(), run.err());
        List<String> warnings = errors.stream().map(error -> error.replace("ERROR: ", "warning: ")).toList();
        assertReported(warnings, run.err(), "skipped 5 malformed lines and imported the rest");
        assertEquals(3, run.json().get("rows").longValue());
        assertEquals(5, run.json().get("malformedLines").longValue());
        assertEquals("[{\"name\":\"a\",\"enabled\":true,\"priority\":0},"
                + "{\"name\":\"ab\",\"enabled\":true,\"priority\":0},"
                + "{\"name\":\"serde\",\"enabled\":true,\"priority\":0}]", crates(database));
    }

    @Test
    void aChangedChecksumFailsUnlessLenient(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        importJson(database, index.toString());
        write(index, "1/a", line("a", "0.1.0", B, false), line("a", "0.2.0", C, false));
        CliRun strict = CliRun.on(database, "crate", "import", index.toString());
        assertEquals(new CliRun(4, "", "ERROR: 1 version changed its checksum, which a published crate never"
                + " does; nothing was imported. First: crate 'a' version '0.1.0': stored " + A + ", offered " + B
                + ". Pass --lenient to skip them and import the rest.\n"), strict);
        assertEquals("[{\"crate\":\"a\",\"version\":\"0.1.0\",\"checksum\":\"" + A + "\",\"yanked\":false}]",
                CliRun.on(database, "crate", "show", "a", "--json").json().get("versions").toString());

        JsonNode lenient = importJson(database, index.toString(), "--lenient");
        assertEquals(1, lenient.get("rejected").longValue());
        assertEquals(1, lenient.get("versionsAdded").longValue());
        assertEquals("[{\"crate\":\"a\",\"version\":\"0.1.0\",\"stored\":\"" + A + "\",\"offered\":\"" + B + "\"}]",
                lenient.get("rejectedExamples").toString());
        assertEquals("[{\"crate\":\"a\",\"version\":\"0.1.0\",\"checksum\":\"" + A + "\",\"yanked\":false},"
                + "{\"crate\":\"a\",\"version\":\"0.2.0\",\"checksum\":\"" + C + "\",\"yanked\":false}]",
                CliRun.on(database, "crate", "show", "a", "--json").json().get("versions").toString());
    }

    @Test
    void lenientTableShowsRejectedExamples(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        importJson(database, index.toString());
        write(index, "1/a", line("a", "0.1.0", B, false));
        assertEquals(new CliRun(0, table(6, 1, 0, 0, 0, 0, 5, 1, 0, 0, 0) + "\nrejected (checksum changed):\n"
                + "CRATE  VERSION  STORED" + " ".repeat(60) + "OFFERED\n"
                + "a      0.1.0    " + A + "  " + B + "\n", ""),
                CliRun.on(database, "crate", "import", index.toString(), "--lenient"));
    }

    @Test
    void aVersionListedTwiceIsLeftToTheDatabaseToReject(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        write(index, "1/a", line("a", "0.1.0", A, false), line("a", "0.1.0", A, true));
        assertEquals(new CliRun(1, "", "ERROR: the input lists crate 'a' version '0.1.0' more than once\n"),
                CliRun.on(database, "crate", "import", index.toString()));
        assertEquals("[]", crates(database));
    }

    @Test
    void aMissingPathFails(TempDatabase database, @TempDir Path dir) {
        String missing = dir.resolve("nope").toString();
        assertEquals(new CliRun(3, "", "ERROR: '" + missing + "' does not exist: give a copy of the crates.io index"
                + " (a directory) or one file of it\n"), CliRun.on(database, "crate", "import", missing));
        CliRun none = CliRun.on(database, "crate", "import");
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("ERROR: Argument \"PATH\" is required\n"), none.err());
    }

    @Test
    void helpListsImportAndItsOptions() {
        assertTrue(CliRun.run("crate", "--help").out().contains("\n  import "));
        CliRun help = CliRun.run("crate", "import", "--help");
        assertEquals(0, help.exit(), help.err());
        assertEquals("", help.err());
        assertTrue(help.out().startsWith("Usage: buildsrs-database crate import [OPTIONS] PATH\n"), help.out());
        assertTrue(help.out().contains("--skip-invalid") && help.out().contains("--lenient")
                && help.out().contains("--partial"), help.out());
    }

    /**
     * A real sample of the crates.io index, laid out as a clone: README.md and config.json at its root (60 crates,
     * 523 versions, 18 yanked).
     */
    private static final Path SAMPLE = Path.of("src/test/crates-io-index-sample").toAbsolutePath();

    @Test
    void importsACloneOfTheRealIndexReadingOnlyItsCrateFiles(TempDatabase database) {
        assertTrue(Files.isRegularFile(SAMPLE.resolve("README.md")), SAMPLE + " holds the sample");
        assertEquals(new CliRun(0, table(523, 18, 60, 523, 0, 0, 0, 0, 0, 0, 0), ""),
                CliRun.on(database, "crate", "import", SAMPLE.toString()));
        assertEquals(new CliRun(0, table(523, 18, 0, 0, 0, 0, 523, 0, 0, 0, 0), ""),
                CliRun.on(database, "crate", "import", SAMPLE.toString()));
        JsonNode lazyStatic = CliRun.on(database, "crate", "show", "lazy_static", "--json").json();
        assertEquals("lazy_static", lazyStatic.get("name").textValue());
        // found whatever the case and '-'/'_', as on crates.io; shown as stored
        JsonNode inflector = CliRun.on(database, "crate", "show", "inflector", "--json").json();
        assertEquals("Inflector", inflector.get("name").textValue());
        assertEquals(27, inflector.get("versions").size());
        assertEquals("lazy_static", CliRun.on(database, "crate", "show", "Lazy-Static", "--json").json().get("name")
                .textValue());
        CliRun twin = CliRun.on(database, "crate", "add", "INFLECTOR");
        assertEquals(4, twin.exit(), twin.err());
        assertTrue(twin.err().contains("'INFLECTOR' is crate 'Inflector', which exists"), twin.err());
    }

    @Test
    void filesOutsideTheIndexLayoutAreNotRead(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        write(index, "README.md", "# not an index file");
        write(index, ".github/workflows/ci.yml", "on: push");
        write(index, "docs/ab/abcd", "not json");
        write(index, "1/ab", "not json: 1/ holds one-letter names");
        write(index, "3/b/abc", "not json: abc belongs in 3/a");
        write(index, "se/rd/tokio", "not json: tokio belongs in to/ki");
        write(index, "se/rd/x/serde", "not json: too deep");
        assertEquals(new CliRun(0, table(6, 1, 4, 6, 0, 0, 0, 0, 0, 0, 0), ""),
                CliRun.on(database, "crate", "import", index.toString()));
    }

    @Test
    void aDirectoryWithoutIndexFilesFails(TempDatabase database, @TempDir Path dir) throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        String expected = "ERROR: no index files found in '%s': a copy of the crates.io index has each crate's"
                + " file where the index layout puts it (1/a, 2/ab, 3/a/abc, se/rd/serde); give its top directory,"
                + " or one crate's file\n";
        assertEquals(new CliRun(3, "", expected.formatted(empty)), CliRun.on(database, "crate", "import",
                empty.toString()));
        // the wrong directory: one level too deep
        Path index = index(dir);
        assertEquals(new CliRun(3, "", expected.formatted(index.resolve("se"))),
                CliRun.on(database, "crate", "import", index.resolve("se").toString()));
        assertEquals("[]", crates(database));
    }

    @Test
    void aPartialDirectoryDoesNotReportOtherCratesMissing(TempDatabase database, @TempDir Path dir)
            throws Exception {
        importJson(database, index(dir).toString());
        Path changed = dir.resolve("changed");
        write(changed, "se/rd/serde", line("serde", "1.0.0", A, false), line("serde", "1.0.1", B, false),
                line("serde", "1.0.2", C, false));
        JsonNode partial = importJson(database, changed.toString(), "--partial");
        assertEquals(1, partial.get("versionsAdded").longValue());
        assertEquals(0, partial.get("missingCrates").longValue());
        assertEquals(0, partial.get("missingVersions").longValue());
        JsonNode whole = importJson(database, changed.toString());
        assertEquals(3, whole.get("missingCrates").longValue(), "without --partial the rest is missing");
    }

    @Test
    void aGarbageFileReportsItsFirst20LinesAndACount(TempDatabase database, @TempDir Path dir) throws Exception {
        Path index = index(dir);
        String[] garbage = new String[706];
        java.util.Arrays.fill(garbage, "garbage");
        write(index, "ga/rb/garbage", garbage);
        CliRun strict = CliRun.on(database, "crate", "import", index.toString());
        String first20 = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(n -> "ERROR: "
                + index.resolve("ga/rb/garbage") + ":" + n + ": not valid JSON: Unrecognized token 'garbage': was"
                + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n")
                .collect(java.util.stream.Collectors.joining());
        assertEquals(new CliRun(1, "", first20 + "ERROR: 706 malformed lines (the first 20 shown); nothing imported"
                + " (pass --skip-invalid to import the rest)\n"), strict);
        CliRun skipped = CliRun.on(database, "crate", "import", index.toString(), "--skip-invalid");
        assertEquals(new CliRun(0, table(6, 1, 4, 6, 0, 0, 0, 0, 0, 0, 706), first20.replace("ERROR: ", "warning: ")
                + "skipped 706 malformed lines (the first 20 shown) and imported the rest\n"), skipped);
    }

    /** The oid of the unique index of crate names: a load into empty tables drops and builds it again. */
    private static long crateNameIndex(TempDatabase database) throws Exception {
        try (java.sql.Connection connection = database.dataSource().getConnection();
             java.sql.ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT indexrelid::bigint FROM pg_index WHERE indrelid = 'crates'::regclass AND indisunique"
                             + " AND NOT indisprimary ORDER BY indexrelid LIMIT 1")) {
            assertTrue(rows.next(), "crates has a unique index of names");
            return rows.getLong(1);
        }
    }

    @Test
    void aFirstImportIntoAFreshDatabaseLoadsTheTablesAndIndexesThemAfter(TempDatabase database, @TempDir Path dir)
            throws Exception {
        // more rows than a sync holds in memory (32,768), into empty tables: the load of issue #14, without a flag
        Path index = dir.resolve("index");
        int crates = 4_200;
        for (int crate = 0; crate < crates; crate++) {
            String name = "crate-" + crate;
            String[] versions = new String[8];
            for (int version = 0; version < versions.length; version++) {
                versions[version] = line(name, "1.0." + version, String.format("%064x", crate * 8L + version),
                        version == 7);
            }
            write(index, name.substring(0, 2) + "/" + name.substring(2, 4) + "/" + name, versions);
        }
        long before = crateNameIndex(database);
        JsonNode first = importJson(database, index.toString());
        assertEquals(crates * 8, first.get("rows").longValue());
        assertEquals(crates, first.get("cratesAdded").longValue());
        assertEquals(crates * 8, first.get("versionsAdded").longValue());
        long after = crateNameIndex(database);
        assertTrue(before != after, "the index of crate names was built again after the load");
        // the second import is online (the tables hold rows) and finds nothing to change
        JsonNode again = importJson(database, index.toString());
        assertEquals(crates * 8, again.get("unchanged").longValue());
        assertEquals(0, again.get("versionsAdded").longValue());
        assertEquals(after, crateNameIndex(database), "an online sync keeps its indexes");
    }
}
