package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class TargetCommandTest {
    @Test
    void addThenListAsTableAndJson(TempDatabase database) {
        assertEquals(new CliRun(0, "NAME  ENABLED\n", ""), CliRun.on(database, "target", "list"));
        assertEquals(new CliRun(0, "x86_64-unknown-linux-gnu\nwasm32-wasip1\n", ""),
                CliRun.on(database, "target", "add", "x86_64-unknown-linux-gnu", "wasm32-wasip1"));
        assertEquals(new CliRun(0, "NAME                      ENABLED\n"
                + "wasm32-wasip1             false\n"
                + "x86_64-unknown-linux-gnu  false\n", ""), CliRun.on(database, "target", "list"));

        CliRun json = CliRun.on(database, "target", "list", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        JsonNode targets = json.json();
        assertEquals(2, targets.size());
        assertEquals(2, targets.get(0).size());
        assertEquals("wasm32-wasip1", targets.get(0).get("name").textValue());
        assertTrue(targets.get(0).get("enabled").isBoolean());
        assertEquals(false, targets.get(0).get("enabled").booleanValue());
        assertEquals("x86_64-unknown-linux-gnu", targets.get(1).get("name").textValue());
    }

    @Test
    void addKeepsGoingPastADuplicate(TempDatabase database) {
        CliRun.on(database, "target", "add", "a");
        assertEquals(new CliRun(Cli.CONFLICT, "b\nc\n", "ERROR: target 'a' already exists\nERROR: 1 of 3 targets not"
                + " added\n"),
                CliRun.on(database, "target", "add", "b", "a", "c"));
        assertEquals("[{\"name\":\"a\",\"enabled\":false},{\"name\":\"b\",\"enabled\":false},"
                + "{\"name\":\"c\",\"enabled\":false}]", CliRun.on(database, "target", "list", "--json").json().toString());
    }

    @Test
    void namesThatAreNotTargetTriplesAreUsageErrorsAndNothingIsAdded(TempDatabase database) {
        CliRun space = CliRun.on(database, "target", "add", "aarch64-apple-darwin", " x86_64-unknown-linux-gnu");
        assertEquals(Cli.USAGE, space.exit(), space.err());
        assertEquals("", space.out());
        assertTrue(space.err().startsWith("ERROR: target name ' x86_64-unknown-linux-gnu' has ' ' (U+0020) first: a"
                + " target name is a target triple such as x86_64-unknown-linux-gnu: lowercase ASCII letters, digits,"
                + " '_', '-' and '.', starting with a letter or digit, at most 64 characters\nUsage: "), space.err());
        CliRun newline = CliRun.on(database, "target", "add", "a\nb");
        assertEquals(Cli.USAGE, newline.exit(), newline.err());
        assertTrue(newline.err().startsWith("ERROR: target name 'a\\nb' has '\\n' (U+000A) at index 1: "),
                newline.err());
        assertEquals(Cli.USAGE, CliRun.on(database, "target", "add", "x86_64 unknown linux").exit());
        assertEquals(Cli.USAGE, CliRun.on(database, "target", "add", "X86_64-unknown-linux-gnu").exit());
        CliRun.on(database, "target", "add", "x86_64-unknown-linux-gnu");
        assertEquals(Cli.USAGE, CliRun.on(database, "target", "edit", "x86_64-unknown-linux-gnu", "--rename",
                "x86_64 linux").exit());
        assertEquals("[{\"name\":\"x86_64-unknown-linux-gnu\",\"enabled\":false}]",
                CliRun.on(database, "target", "list", "--json").json().toString());
    }

    @Test
    void editEnablesAndRenamesInOneTransaction(TempDatabase database) {
        CliRun.on(database, "target", "add", "x86_64-linux", "taken");
        assertEquals(new CliRun(0, "x86_64-unknown-linux-gnu\n", ""), CliRun.on(database, "target", "edit",
                "x86_64-linux", "--enabled", "true", "--rename", "x86_64-unknown-linux-gnu"));
        assertEquals(new CliRun(0, "taken\n", ""), CliRun.on(database, "target", "edit", "taken", "--enabled", "false"));
        assertEquals(new CliRun(0, "NAME                      ENABLED\n"
                + "taken                     false\n"
                + "x86_64-unknown-linux-gnu  true\n", ""), CliRun.on(database, "target", "list"));

        // the rename fails, so enabling is rolled back with it
        assertEquals(new CliRun(Cli.CONFLICT, "", "ERROR: cannot rename target 'taken' to 'x86_64-unknown-linux-gnu': a target"
                + " of that name exists\n"), CliRun.on(database, "target", "edit", "taken", "--enabled", "true",
                "--rename", "x86_64-unknown-linux-gnu"));
        assertEquals(false, CliRun.on(database, "target", "list", "--json").json().get(0).get("enabled").booleanValue());
    }

    @Test
    void editFailsOnAnUnknownTargetABadValueOrNothingToDo(TempDatabase database) {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: target 'nope' does not exist\n"),
                CliRun.on(database, "target", "edit", "nope", "--enabled", "true"));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: target 'nope' does not exist\n"),
                CliRun.on(database, "target", "edit", "nope", "--rename", "other"));

        CliRun bad = CliRun.on(database, "target", "edit", "nope", "--enabled", "1");
        assertEquals(2, bad.exit());
        assertEquals("", bad.out());
        assertTrue(bad.err().startsWith("ERROR: --enabled must be true or false, not \"1\"\nUsage: "), bad.err());

        CliRun nothing = CliRun.on(database, "target", "edit", "nope");
        assertEquals(2, nothing.exit());
        assertEquals("", nothing.out());
        assertTrue(nothing.err().startsWith("ERROR: nothing to change: give --enabled or --rename\nUsage: "),
                nothing.err());
        assertTrue(nothing.err().contains("--rename NEW"), nothing.err());
    }

    @Test
    void removeKeepsGoingPastAnUnknownTarget(TempDatabase database) {
        CliRun.on(database, "target", "add", "a", "b", "c");
        assertEquals(new CliRun(Cli.NOT_FOUND, "a\nc\n", "ERROR: target 'nope' does not exist\nERROR: 1 of 3 targets not"
                + " removed\n"), CliRun.on(database, "target", "remove", "a", "nope", "c"));
        assertEquals(new CliRun(0, "NAME  ENABLED\nb     false\n", ""), CliRun.on(database, "target", "list"));
    }

    @Test
    void helpForTheGroupAndEachCommand() {
        CliRun group = CliRun.run("target", "--help");
        assertEquals(0, group.exit());
        assertEquals("", group.err());
        for (String command : new String[] {"add", "edit", "list", "remove"}) {
            assertTrue(group.out().contains("\n  " + command + " "), group.out());
            CliRun help = CliRun.run("target", command, "--help");
            assertEquals(0, help.exit(), help.out());
            assertTrue(help.out().startsWith("Usage: "), help.out());
            assertEquals("", help.err());
        }
        assertTrue(CliRun.run("target", "edit", "--help").out().contains("--enabled true|false"));
    }
}
