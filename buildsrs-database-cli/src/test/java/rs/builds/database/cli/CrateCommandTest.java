package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.WriteHandle;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class CrateCommandTest {
    private static final String SUM1 = "1".repeat(64);
    private static final String SUM2 = "2".repeat(64);

    /** Adds versions through the API: the CLI has no command for that (registry sync does it). */
    private static void addVersions(TempDatabase database) {
        try (Metadata metadata = Metadata.open(database.dataSource()); WriteHandle write = metadata.write()) {
            write.crateAdd("serde");
            write.crateVersionAdd("serde", "1.0.0", SUM1, false);
            write.crateVersionAdd("serde", "1.0.1-rc.1", SUM2, true);
            write.commit();
        }
    }

    @Test
    void showPrintsTheCrateAndItsVersions(TempDatabase database) {
        addVersions(database);
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\n\n"
                + "VERSION     CHECKSUM                                                          YANKED\n"
                + "1.0.0       " + SUM1 + "  false\n"
                + "1.0.1-rc.1  " + SUM2 + "  true\n", ""), CliRun.on(database, "crate", "show", "serde"));

        CliRun json = CliRun.on(database, "crate", "show", "serde", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        JsonNode crate = json.json();
        assertEquals(4, crate.size());
        assertEquals("serde", crate.get("name").textValue());
        assertEquals(true, crate.get("enabled").booleanValue());
        assertTrue(crate.get("priority").isInt(), crate.toString());
        assertEquals(0, crate.get("priority").intValue());
        JsonNode versions = crate.get("versions");
        assertEquals(2, versions.size());
        assertEquals(4, versions.get(0).size());
        assertEquals("serde", versions.get(0).get("crate").textValue());
        assertEquals("1.0.0", versions.get(0).get("version").textValue());
        assertEquals(SUM1, versions.get(0).get("checksum").textValue());
        assertEquals(false, versions.get(0).get("yanked").booleanValue());
        assertEquals("1.0.1-rc.1", versions.get(1).get("version").textValue());
        assertEquals(SUM2, versions.get(1).get("checksum").textValue());
        assertTrue(versions.get(1).get("yanked").booleanValue());
    }

    @Test
    void showWithoutVersionsAndUnknownCrate(TempDatabase database) {
        CliRun.on(database, "crate", "add", "rand");
        assertEquals(new CliRun(0, "NAME  ENABLED  PRIORITY\nrand  true     0\n\nVERSION  CHECKSUM  YANKED\n", ""),
                CliRun.on(database, "crate", "show", "rand"));
        assertEquals("{\"name\":\"rand\",\"enabled\":true,\"priority\":0,\"versions\":[]}",
                CliRun.on(database, "crate", "show", "rand", "--json").json().toString());
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                CliRun.on(database, "crate", "show", "nope", "--json"));
    }

    @Test
    void listSearchesBestMatchFirstWithALimit(TempDatabase database) {
        CliRun.on(database, "crate", "add", "tokio", "serde_json", "serde", "rand");
        assertEquals(new CliRun(0, "NAME        ENABLED  PRIORITY\nrand        true     0\nserde       true     0\n"
                + "serde_json  true     0\ntokio       true     0\n", ""), CliRun.on(database, "crate", "list"));
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     0\n", "1 of 2 shown; --offset 1 shows"
                + " the next page, --all every one\n"), CliRun.on(database, "crate", "list", "serde", "--limit", "1"));
        assertEquals(new CliRun(0, "NAME        ENABLED  PRIORITY\nserde_json  true     0\n", "1 of 2 shown (from number"
                + " 2); --all shows every one\n"), CliRun.on(database, "crate", "list", "serde", "--limit", "1",
                "--offset", "1"));

        CliRun json = CliRun.on(database, "crate", "list", "serde", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        JsonNode crates = json.json();
        assertEquals(2, crates.size());
        assertEquals("serde", crates.get(0).get("name").textValue());
        assertEquals(true, crates.get(0).get("enabled").booleanValue());
        assertEquals(0, crates.get(0).get("priority").intValue());
        assertEquals("serde_json", crates.get(1).get("name").textValue());

        CliRun zero = CliRun.on(database, "crate", "list", "--limit", "0");
        assertEquals(Cli.USAGE, zero.exit());
        assertEquals("", zero.out());
        assertTrue(zero.err().startsWith("ERROR: --limit must be from 1 to 10000 (got 0)\nUsage: "), zero.err());
        CliRun notANumber = CliRun.on(database, "crate", "list", "--limit", "ten");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().startsWith("ERROR: \"ten\" is not a valid value for \"--limit\""),
                notANumber.err());
    }

    @Test
    void listSaysWhenMoreExistAndListsEveryCrateWithAll(TempDatabase database) {
        List<String> names = IntStream.range(0, 1234).mapToObj(i -> String.format("crate-%04d", i)).toList();
        List<String> add = new java.util.ArrayList<>(List.of("crate", "add"));
        add.addAll(names);
        assertEquals(0, CliRun.on(database, add.toArray(String[]::new)).exit());
        CliRun first = CliRun.on(database, "crate", "list");
        assertEquals(0, first.exit());
        assertEquals(51, first.out().lines().count());
        assertEquals("50 of 1,234 shown; --offset 50 shows the next page, --all every one\n", first.err());
        CliRun last = CliRun.on(database, "crate", "list", "--offset", "1200", "--json");
        assertEquals(names.subList(1200, 1234).toString(), names(last.json()).toString());
        assertEquals("34 of 1,234 shown (from number 1,201); --all shows every one\n", last.err());

        CliRun all = CliRun.on(database, "crate", "list", "--all");
        assertEquals(0, all.exit(), all.err());
        assertEquals("", all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals("NAME        ENABLED  PRIORITY", lines.get(0));
        assertEquals(1235, lines.size());
        assertEquals("crate-1233  true     0", lines.get(1234));
        CliRun allJson = CliRun.on(database, "crate", "list", "--all", "--json");
        assertEquals("", allJson.err());
        assertEquals(names.toString(), names(allJson.json()).toString());
        // a search streams its matches in their order: the same as one large page
        assertEquals(names(CliRun.on(database, "crate", "list", "crate-120", "--limit", "10000", "--json").json()),
                names(CliRun.on(database, "crate", "list", "crate-120", "--all", "--json").json()));

        CliRun both = CliRun.on(database, "crate", "list", "--all", "--limit", "5");
        assertEquals(Cli.USAGE, both.exit());
        assertTrue(both.err().startsWith("ERROR: --all shows every crate: give it without --limit and --offset\n"),
                both.err());
    }

    private static List<String> names(JsonNode crates) {
        List<String> names = new java.util.ArrayList<>();
        crates.forEach(crate -> names.add(crate.get("name").textValue()));
        return names;
    }

    @Test
    void disableAndEnableKeepGoingPastUnknownCrates(TempDatabase database) {
        CliRun.on(database, "crate", "add", "serde", "tokio");
        assertEquals(new CliRun(Cli.NOT_FOUND, "serde\ntokio\n", "ERROR: crate 'nope' does not exist\n"
                + "ERROR: 1 of 3 crates not disabled\n"), CliRun.on(database, "crate", "disable", "serde", "nope", "tokio"));
        assertEquals("[{\"name\":\"serde\",\"enabled\":false,\"priority\":0},"
                + "{\"name\":\"tokio\",\"enabled\":false,\"priority\":0}]",
                CliRun.on(database, "crate", "list", "--json").json().toString());
        assertEquals(new CliRun(Cli.NOT_FOUND, "tokio\n", "ERROR: crate 'nope' does not exist\nERROR: 1 of 2 crates not"
                + " enabled\n"), CliRun.on(database, "crate", "enable", "nope", "tokio"));
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  false    0\ntokio  true     0\n", ""),
                CliRun.on(database, "crate", "list"));
    }

    private static int priority(TempDatabase database, String crate) {
        try (Metadata metadata = Metadata.open(database.dataSource()); ReadHandle read = metadata.read()) {
            return read.crateInfo(crate).priority();
        }
    }

    @Test
    void prioritySetsAnyIntegerIncludingNegativeOnes(TempDatabase database) {
        CliRun.on(database, "crate", "add", "serde", "tokio");
        assertEquals(0, priority(database, "serde"));
        assertEquals(new CliRun(0, "serde\n", ""), CliRun.on(database, "crate", "priority", "serde", "10"));
        assertEquals(10, priority(database, "serde"));
        assertEquals(new CliRun(0, "tokio\n", ""), CliRun.on(database, "crate", "priority", "tokio", "-5"));
        assertEquals(-5, priority(database, "tokio"));
        assertEquals(10, priority(database, "serde"));
        assertEquals(new CliRun(0, "NAME   ENABLED  PRIORITY\nserde  true     10\ntokio  true     -5\n", ""),
                CliRun.on(database, "crate", "list"));
        assertEquals(-5, CliRun.on(database, "crate", "show", "tokio", "--json").json().get("priority").intValue());
        assertEquals(new CliRun(0, "serde\n", ""), CliRun.on(database, "crate", "priority", "serde", "0"));
        assertEquals(0, priority(database, "serde"));
    }

    @Test
    void priorityFailsOnAnUnknownCrateAndRejectsANonInteger(TempDatabase database) {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                CliRun.on(database, "crate", "priority", "nope", "1"));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: crate 'nope' does not exist\n"),
                CliRun.on(database, "crate", "priority", "nope", "-1"));
        CliRun.on(database, "crate", "add", "serde");
        for (String bad : new String[] {"high", "1.5", "99999999999"}) {
            CliRun run = CliRun.on(database, "crate", "priority", "serde", bad);
            assertEquals(2, run.exit(), bad);
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("ERROR: N must be a whole number from -2147483648 to 2147483647, such as 10"
                    + " or -5, not \"" + bad + "\"\n"
                    + "Usage: buildsrs-database crate priority [OPTIONS] NAME N\n"), run.err());
        }
        CliRun missing = CliRun.on(database, "crate", "priority", "serde");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("ERROR: Argument \"N\" is required\n"), missing.err());
        // a word that is neither a number nor an option is still an unknown option
        CliRun option = CliRun.on(database, "crate", "priority", "serde", "-x");
        assertEquals(2, option.exit());
        assertTrue(option.err().startsWith("ERROR: \"-x\" is not a valid option\n"), option.err());
        assertEquals(0, priority(database, "serde"));
    }

    @Test
    void helpForTheGroupAndEachCommand() {
        CliRun group = CliRun.run("crate", "--help");
        assertEquals(0, group.exit());
        assertEquals("", group.err());
        for (String command : new String[] {"add", "list", "show", "enable", "disable", "priority"}) {
            assertTrue(group.out().contains("\n  " + command + " "), group.out());
            CliRun help = CliRun.run("crate", command, "--help");
            assertEquals(0, help.exit(), help.out());
            assertEquals("", help.err());
        }
        assertTrue(CliRun.run("crate", "list", "--help").out().contains("--limit N"));
    }
}
