package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What ConsoleDocsTest lets differ between a doc and a run, and what it does not. */
class VaryingValuesTest {
    private static final String DOC_UUID = "8b356ff5-9c79-44bd-aea2-69b298bdabbd";
    private static final String RUN_UUID = "387c43a9-cd49-4158-abfb-1a8aa935195e";
    private static final String OTHER_UUID = "00000000-0000-4000-8000-000000000000";

    @Test
    void aValueTheDocShowsStandsForTheRunsWhereverItRecurs() {
        VaryingValues values = new VaryingValues();
        assertTrue(values.matches(DOC_UUID + "\n", RUN_UUID + "\n"));
        assertEquals("builder show " + RUN_UUID, values.command("builder show " + DOC_UUID));
        assertTrue(values.matches("uuid  " + DOC_UUID + "\n", "uuid  " + RUN_UUID + "\n"));
        assertFalse(values.matches("uuid  " + DOC_UUID + "\n", "uuid  " + OTHER_UUID + "\n"), "another value");
        assertEquals("uuid  " + DOC_UUID + "\n", values.asDoc("uuid  " + RUN_UUID + "\n"));
    }

    @Test
    void twoValuesTheDocShowsAreTwoValuesOfTheRun() {
        VaryingValues values = new VaryingValues();
        assertFalse(values.matches(DOC_UUID + " " + OTHER_UUID, RUN_UUID + " " + RUN_UUID));
        assertTrue(values.matches(DOC_UUID + " " + DOC_UUID, RUN_UUID + " " + RUN_UUID));
        assertFalse(values.matches(OTHER_UUID, RUN_UUID), "the run's value is the doc's first one already");
    }

    @Test
    void onlyValuesOfTheSameKindMatchAndTheRestIsCompared() {
        VaryingValues values = new VaryingValues();
        String fingerprint = "SHA256:Ou2xvsgz4B+chYPAl9wyaRDjI97VjW5lBgXWnc5c1n0";
        assertFalse(values.matches(DOC_UUID, fingerprint));
        assertFalse(values.matches("schema version  9\n", "schema version  10\n"));
        assertFalse(values.matches("a\n", "a\nb\n"));
        assertTrue(values.matches("started 2026-11-30T10:22:21Z\n", "started 2027-01-02T03:04:05.123456Z\n"));
        assertTrue(values.matches(fingerprint, "SHA256:dBcduv8jgME2cOw/KNYXzxtj6o+OaV7iFmbt/pFKvT4"));
    }

    @Test
    void shellWordsSplitAsAShellDoesOrRefuse() {
        assertArrayEquals(new String[] {"builder", "add", "k.pub", "--comment", "rack 3, 16 cores", "", "a b"},
                ShellWords.split("builder add k.pub  --comment 'rack 3, 16 cores' '' \"a b\""));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("crate add $NAME"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("crate add 'serde"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("crate list | head"));
    }
}
