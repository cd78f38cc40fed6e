package rs.builds.database.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

@ExtendWith(TempDatabaseExtension.class)
class BuilderCommandTest {
    private static final String UUID_LINE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n";

    @TempDir
    static Path keys;
    private static SshKey alpha;
    private static SshKey beta;
    /** Never registered. */
    private static SshKey stranger;
    private static String garbage;
    private static String missing;

    @BeforeAll
    static void generateKeys() throws Exception {
        alpha = SshKey.generate(keys, "alpha");
        beta = SshKey.generate(keys, "beta");
        stranger = SshKey.generate(keys, "stranger");
        garbage = Files.writeString(keys.resolve("garbage.pub"), "garbage AAAA\n").toString();
        missing = keys.resolve("missing.pub").toString();
    }

    /** @return the key as the database stores it: type and base64, without the comment */
    private static String canonical(SshKey key) throws Exception {
        String[] fields = Files.readString(key.publicKey()).strip().split(" ");
        return fields[0] + " " + fields[1];
    }

    private static String add(TempDatabase database, SshKey key, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "builder";
        args[1] = "add";
        args[2] = key.pub();
        System.arraycopy(options, 0, args, 3, options.length);
        CliRun run = CliRun.on(database, args);
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().matches(UUID_LINE), run.out());
        return run.out().strip();
    }

    @Test
    void addPrintsOnlyTheNewUuidAndShowShowsTheBuilder(TempDatabase database) throws Exception {
        String uuid = "0b7e5d3c-1c7a-4b8e-9f10-2a3b4c5d6e7f";
        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "add", alpha.pub(),
                "--uuid", uuid, "--comment", "rack 3"));

        String table = String.join("\n",
                "uuid         " + uuid,
                "fingerprint  " + alpha.sha256(),
                "public key   " + canonical(alpha),
                "comment      rack 3",
                "enabled      false",
                "heartbeat    never",
                "targets      -") + "\n";
        assertEquals(new CliRun(0, table, ""), CliRun.on(database, "builder", "show", uuid));

        CliRun json = CliRun.on(database, "builder", "show", alpha.pub(), "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        JsonNode builder = json.json();
        assertEquals(7, builder.size(), builder.toString());
        assertEquals(uuid, builder.get("uuid").textValue());
        assertEquals(alpha.sha256(), builder.get("fingerprint").textValue());
        assertEquals(canonical(alpha), builder.get("publicKey").textValue());
        assertEquals("rack 3", builder.get("comment").textValue());
        assertTrue(builder.get("enabled").isBoolean());
        assertEquals(false, builder.get("enabled").booleanValue());
        assertTrue(builder.get("heartbeat").isNull(), builder.toString());
        assertTrue(builder.get("targets").isArray());
        assertEquals(0, builder.get("targets").size());
    }

    @Test
    void addWithoutUuidMakesARandomOne(TempDatabase database) {
        String first = add(database, alpha);
        String second = add(database, beta);
        assertTrue(!first.equals(second));
        assertEquals(first, UUID.fromString(first).toString());
    }

    @Test
    void addFailsOnAMissingMalformedPrivateOrTakenKey(TempDatabase database) {
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: cannot read public key file '" + missing + "': no such"
                + " file\n"), CliRun.on(database, "builder", "add", missing));
        assertEquals(new CliRun(1, "", "ERROR: cannot read public key file '" + keys + "': it is a directory\n"),
                CliRun.on(database, "builder", "add", keys.toString()));

        CliRun malformed = CliRun.on(database, "builder", "add", garbage);
        assertEquals(1, malformed.exit());
        assertEquals("", malformed.out());
        assertTrue(malformed.err().startsWith("ERROR: cannot add a builder with the key in '" + garbage
                + "': unsupported public key type 'garbage'"), malformed.err());

        assertEquals(new CliRun(1, "", "ERROR: '" + alpha.privateKey() + "' is a private key, which must stay on the"
                + " builder: pass its public key file (" + alpha.privateKey() + ".pub)\n"),
                CliRun.on(database, "builder", "add", alpha.privateKey().toString()));

        String uuid = add(database, alpha);
        assertEquals(new CliRun(Cli.CONFLICT, "", "ERROR: cannot add a builder with the key in '" + alpha.pub()
                + "': this public key already belongs to builder " + uuid + "; each builder needs its own key\n"),
                CliRun.on(database, "builder", "add", alpha.pub()));
        assertEquals(new CliRun(Cli.CONFLICT, "", "ERROR: cannot add a builder with the key in '" + beta.pub()
                + "': builder " + uuid + " already exists\n"),
                CliRun.on(database, "builder", "add", beta.pub(), "--uuid", uuid));
    }

    @Test
    void badUuidOptionIsAUsageError(TempDatabase database) {
        CliRun run = CliRun.on(database, "builder", "add", alpha.pub(), "--uuid", "nope");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("ERROR: \"nope\" must be a UUID"), run.err());
        assertTrue(run.err().contains("--uuid UUID"), run.err());
    }

    @Test
    void editChangesEverythingInOneGoByKeyFileThenByFingerprint(TempDatabase database) {
        assertEquals(0, CliRun.on(database, "target", "add", "x86_64-unknown-linux-gnu", "aarch64-unknown-linux-gnu")
                .exit());
        String uuid = add(database, alpha);
        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "edit", alpha.pub(),
                "--enabled", "true", "--comment", "arm box", "--target-add", "x86_64-unknown-linux-gnu",
                "--target-add", "aarch64-unknown-linux-gnu"));
        JsonNode builder = CliRun.on(database, "builder", "show", uuid, "--json").json();
        assertEquals(true, builder.get("enabled").booleanValue());
        assertEquals("arm box", builder.get("comment").textValue());
        assertEquals("[\"aarch64-unknown-linux-gnu\",\"x86_64-unknown-linux-gnu\"]", builder.get("targets").toString());

        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "edit", alpha.sha256(),
                "--enabled", "false", "--comment", "", "--target-remove", "x86_64-unknown-linux-gnu"));
        builder = CliRun.on(database, "builder", "show", alpha.sha512(), "--json").json();
        assertEquals(false, builder.get("enabled").booleanValue());
        assertEquals("", builder.get("comment").textValue());
        assertEquals("[\"aarch64-unknown-linux-gnu\"]", builder.get("targets").toString());
    }

    @Test
    void editWithAnUnknownTargetChangesNothing(TempDatabase database) {
        String uuid = add(database, alpha);
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: target 'nope' does not exist\n"), CliRun.on(database, "builder",
                "edit", uuid, "--enabled", "true", "--comment", "changed", "--target-add", "nope"));
        JsonNode builder = CliRun.on(database, "builder", "show", uuid, "--json").json();
        assertEquals(false, builder.get("enabled").booleanValue());
        assertEquals("", builder.get("comment").textValue());
    }

    @Test
    void editRejectsABadEnabledValueAndAnEmptyEdit(TempDatabase database) {
        CliRun yes = CliRun.on(database, "builder", "edit", alpha.pub(), "--enabled", "yes");
        assertEquals(2, yes.exit());
        assertEquals("", yes.out());
        assertTrue(yes.err().startsWith("ERROR: --enabled must be true or false, not \"yes\"\nUsage: "), yes.err());
        assertTrue(yes.err().contains("--enabled true|false"), yes.err());

        CliRun nothing = CliRun.on(database, "builder", "edit", alpha.pub());
        assertEquals(2, nothing.exit());
        assertEquals("", nothing.out());
        assertTrue(nothing.err().startsWith("ERROR: nothing to change: give --enabled, --comment, --target-add or"
                + " --target-remove\nUsage: "), nothing.err());
        assertTrue(nothing.err().contains("--target-add TARGET"), nothing.err());
    }

    @Test
    void unknownBuilderByUuidFingerprintOrKeyFile(TempDatabase database) {
        add(database, alpha);
        String uuid = "00000000-0000-4000-8000-000000000000";
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: builder '" + uuid + "' does not exist\n"),
                CliRun.on(database, "builder", "show", uuid));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: builder '" + uuid + "' does not exist\n"),
                CliRun.on(database, "builder", "edit", uuid, "--enabled", "true"));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: builder with key fingerprint '" + stranger.sha256()
                + "' does not exist\n"), CliRun.on(database, "builder", "show", stranger.sha256()));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: no builder has the key in '" + stranger.pub()
                + "' (fingerprint " + stranger.sha256() + ")\n"), CliRun.on(database, "builder", "show", stranger.pub()));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: '" + missing + "' is neither a builder's UUID, a key fingerprint (SHA256:... as ssh-keygen -l prints it)"
                + " nor a readable public key file\n"), CliRun.on(database, "builder", "show", missing));

        CliRun malformed = CliRun.on(database, "builder", "show", garbage);
        assertEquals(1, malformed.exit());
        assertEquals("", malformed.out());
        assertTrue(malformed.err().startsWith("ERROR: public key file '" + garbage
                + "': unsupported public key type 'garbage'"), malformed.err());
    }

    @Test
    void listAsTableAndJson(TempDatabase database) throws Exception {
        assertEquals(new CliRun(0, "UUID  ENABLED  HEARTBEAT  TARGETS  COMMENT\n", ""),
                CliRun.on(database, "builder", "list"));
        assertEquals(new CliRun(0, "[ ]\n", ""), CliRun.on(database, "builder", "list", "--json"));

        CliRun.on(database, "target", "add", "wasm32-wasip1");
        String first = add(database, alpha, "--comment", "first");
        String second = add(database, beta);
        CliRun.on(database, "builder", "edit", second, "--enabled", "true", "--target-add", "wasm32-wasip1");
        String header = String.format("%-36s  ENABLED  HEARTBEAT  %-13s  COMMENT", "UUID", "TARGETS");
        assertEquals(new CliRun(0, header + "\n"
                + first + "  false    never      -              first\n"
                + second + "  true     never      wasm32-wasip1\n", ""),
                CliRun.on(database, "builder", "list"));

        CliRun json = CliRun.on(database, "builder", "list", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals("", json.err());
        JsonNode builders = json.json();
        assertTrue(builders.isArray());
        assertEquals(2, builders.size());
        assertEquals(first, builders.get(0).get("uuid").textValue());
        assertEquals(canonical(alpha), builders.get(0).get("publicKey").textValue());
        assertEquals("first", builders.get(0).get("comment").textValue());
        assertEquals(false, builders.get(0).get("enabled").booleanValue());
        assertTrue(builders.get(0).get("heartbeat").isNull());
        assertEquals("[]", builders.get(0).get("targets").toString());
        assertEquals(second, builders.get(1).get("uuid").textValue());
        assertEquals(canonical(beta), builders.get(1).get("publicKey").textValue());
        assertEquals(true, builders.get(1).get("enabled").booleanValue());
        assertEquals("[\"wasm32-wasip1\"]", builders.get(1).get("targets").toString());
    }

    @Test
    void lookupPrintsTheUuidForEitherFingerprint(TempDatabase database) {
        String uuid = add(database, alpha);
        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "lookup", alpha.sha256()));
        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "lookup", alpha.sha512()));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: builder with key fingerprint '" + beta.sha256()
                + "' does not exist\n"), CliRun.on(database, "builder", "lookup", beta.sha256()));
    }

    @Test
    void lookupTakesEveryFormOfBuilder(TempDatabase database) {
        String uuid = add(database, alpha);
        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "lookup", alpha.pub()));
        assertEquals(new CliRun(0, uuid + "\n", ""), CliRun.on(database, "builder", "lookup", uuid));
        String unknown = "00000000-0000-4000-8000-000000000000";
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: builder '" + unknown + "' does not exist\n"),
                CliRun.on(database, "builder", "lookup", unknown));
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: no builder has the key in '" + beta.pub()
                + "' (fingerprint " + beta.sha256() + ")\n"), CliRun.on(database, "builder", "lookup", beta.pub()));
    }

    @Test
    void aMalformedUuidIsNeitherUuidFingerprintNorKeyFile(TempDatabase database) {
        String typo = "0000000-0000-4000-8000-000000000000";
        assertEquals(new CliRun(Cli.NOT_FOUND, "", "ERROR: '" + typo + "' is neither a builder's UUID, a key"
                + " fingerprint (SHA256:... as ssh-keygen -l prints it) nor a readable public key file\n"),
                CliRun.on(database, "builder", "show", typo));
    }

    @Test
    void argumentsAreCheckedBeforeConnecting() throws Exception {
        String nowhere;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            nowhere = "postgres://u:p@127.0.0.1:" + socket.getLocalPort() + "/d";
        }
        // each would fail with "cannot connect" (exit 5) if the server were reached first
        assertEquals(new CliRun(1, "", "ERROR: '" + alpha.privateKey() + "' is a private key, which must stay on the"
                + " builder: pass its public key file (" + alpha.privateKey() + ".pub)\n"),
                CliRun.run("--database-postgres", nowhere, "builder", "add", alpha.privateKey().toString()));
        assertEquals(Cli.NOT_FOUND, CliRun.run("--database-postgres", nowhere, "builder", "show", missing).exit());
        CliRun limit = CliRun.run("--database-postgres", nowhere, "job", "list", "--limit", "0");
        assertEquals(Cli.USAGE, limit.exit(), limit.err());
        assertTrue(limit.err().startsWith("ERROR: --limit must be from 1 to 10000 (got 0)\n"), limit.err());
        CliRun edit = CliRun.run("--database-postgres", nowhere, "builder", "edit", alpha.pub());
        assertEquals(Cli.USAGE, edit.exit(), edit.err());
    }

    @Test
    void removeKeepsGoingPastFailuresThenSummarises(TempDatabase database) {
        String first = add(database, alpha);
        String second = add(database, beta);
        String unknown = "00000000-0000-4000-8000-000000000000";
        assertEquals(new CliRun(Cli.NOT_FOUND, first + "\n" + second + "\n",
                "ERROR: builder '" + unknown + "' does not exist\n"
                + "ERROR: '" + missing + "' is neither a builder's UUID, a key fingerprint"
                + " (SHA256:... as ssh-keygen -l prints it) nor a readable public key file\n"
                + "ERROR: no builder has the key in '" + stranger.pub() + "' (fingerprint " + stranger.sha256() + ")\n"
                + "ERROR: 3 of 5 builders not removed\n"),
                CliRun.on(database, "builder", "remove", alpha.pub(), unknown, missing, stranger.pub(), second));
        assertEquals(new CliRun(0, "[ ]\n", ""), CliRun.on(database, "builder", "list", "--json"));
    }

    @Test
    void helpForTheGroupAndEachCommand() {
        CliRun group = CliRun.run("builder", "--help");
        assertEquals(0, group.exit());
        for (String command : new String[] {"add", "edit", "list", "show", "lookup", "remove"}) {
            assertTrue(group.out().contains("\n  " + command + " "), group.out());
            CliRun help = CliRun.run("builder", command, "--help");
            assertEquals(0, help.exit(), help.err());
            assertTrue(help.out().startsWith("Usage: "), help.out());
            assertEquals("", help.err());
        }
        assertTrue(CliRun.run("builder", "edit", "--help").out().contains("--target-remove TARGET"));
        assertTrue(CliRun.run("--help").out().contains("\n  builder "));
        assertEquals("", group.err());
    }
}
