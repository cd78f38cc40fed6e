package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rs.builds.database.temp.TempDatabase;

@ExtendWith(MetadataExtension.class)
@Tag("contract")
class BuilderTest {
    @TempDir
    Path dir;

    private static void add(Metadata metadata, UUID uuid, String key, String comment) {
        metadata.useTransaction(write -> {
            write.builderAdd(uuid, key, comment);
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ed25519,", "ecdsa, 256", "ecdsa, 384", "ecdsa, 521", "rsa, 2048"})
    void addedBuilderIsFoundByBothSshKeygenFingerprints(String type, Integer bits, Metadata metadata) throws Exception {
        Keys keys = Keys.generate(dir, type, bits);
        UUID uuid = UUID.randomUUID();
        add(metadata, uuid, keys.publicKey(), "rack 3");
        try (ReadHandle read = metadata.read()) {
            assertEquals(uuid, read.builderLookup(keys.sha256()));
            assertEquals(uuid, read.builderLookup(keys.sha512()));
            assertEquals(uuid, read.builderLookupByKey(keys.canonical() + " another comment"));
            assertEquals(new Builder(uuid, keys.canonical(), "rack 3", false, null, List.of()), read.builderGet(uuid));
        }
    }

    @Test
    void setCommentAndEnabled(Metadata metadata) throws Exception {
        UUID uuid = UUID.randomUUID();
        add(metadata, uuid, Keys.ed25519(dir).publicKey(), "");
        metadata.useTransaction(write -> {
            write.builderSetComment(uuid, "owned by ops ✓");
            write.builderSetEnabled(uuid, true);
        });
        try (ReadHandle read = metadata.read()) {
            Builder builder = read.builderGet(uuid);
            assertEquals("owned by ops ✓", builder.comment());
            assertTrue(builder.enabled());
            assertNull(builder.heartbeat());
        }
    }

    @Test
    void targetsAddRemoveAndList(Metadata metadata) throws Exception {
        UUID uuid = UUID.randomUUID();
        add(metadata, uuid, Keys.ed25519(dir).publicKey(), "");
        metadata.useTransaction(write -> {
            write.targetAdd("b-target");
            write.targetAdd("a-target");
            write.builderTargetAdd(uuid, "b-target");
            write.builderTargetAdd(uuid, "a-target");
            write.builderTargetAdd(uuid, "a-target"); // already allowed: no-op
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("a-target", "b-target"), read.builderTargets(uuid));
            assertEquals(List.of("a-target", "b-target"), read.builderGet(uuid).targets());
        }
        metadata.useTransaction(write -> {
            write.builderTargetRemove(uuid, "b-target");
            write.builderTargetRemove(uuid, "b-target"); // not allowed any more: no-op
        });
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of("a-target"), read.builderTargets(uuid));
        }
    }

    @Test
    void unknownTargetOrBuilderIsNotFound(Metadata metadata) throws Exception {
        UUID uuid = UUID.randomUUID();
        add(metadata, uuid, Keys.ed25519(dir).publicKey(), "");
        try (WriteHandle write = metadata.write()) {
            assertEquals("target 'nope' does not exist",
                    assertThrows(NotFoundException.class, () -> write.builderTargetAdd(uuid, "nope")).getMessage());
        }
        UUID unknown = UUID.randomUUID();
        try (WriteHandle write = metadata.write()) {
            assertEquals("builder '" + unknown + "' does not exist", assertThrows(NotFoundException.class,
                    () -> write.builderSetEnabled(unknown, true)).getMessage());
        }
        try (ReadHandle read = metadata.read()) {
            assertThrows(NotFoundException.class, () -> read.builderGet(unknown));
            assertThrows(NotFoundException.class, () -> read.builderTargets(unknown));
            assertThrows(NotFoundException.class, () -> read.builderLookup("SHA256:nope"));
            String otherKey = Keys.ed25519(dir).publicKey();
            assertThrows(NotFoundException.class, () -> read.builderLookupByKey(otherKey));
            assertThrows(InvalidInputException.class, () -> read.builderLookupByKey("ssh-ed25519 garbage"));
        }
    }

    @Test
    void listInRegistrationOrder(Metadata metadata) throws Exception {
        UUID first = UUID.fromString("ffffffff-0000-0000-0000-000000000000");
        UUID second = UUID.fromString("00000000-0000-0000-0000-000000000001");
        add(metadata, first, Keys.ed25519(dir).publicKey(), "first");
        add(metadata, second, Keys.ed25519(dir).publicKey(), "second");
        try (ReadHandle read = metadata.read()) {
            assertEquals(List.of(first, second), read.builderList().stream().map(Builder::uuid).toList());
        }
    }

    @Test
    void sameKeyCannotRegisterTwoBuilders(Metadata metadata) throws Exception {
        Keys keys = Keys.ed25519(dir);
        UUID owner = UUID.randomUUID();
        add(metadata, owner, keys.publicKey(), "");
        String sameKeyOtherComment = keys.canonical() + " someone-else@elsewhere";
        try (WriteHandle write = metadata.write()) {
            ConflictException error = assertThrows(ConflictException.class,
                    () -> write.builderAdd(UUID.randomUUID(), sameKeyOtherComment, ""));
            assertTrue(error.getMessage().contains(owner.toString()), error.getMessage());
        }
        try (ReadHandle read = metadata.read()) {
            assertEquals(1, read.builderList().size());
        }
    }

    @Test
    void duplicateUuidIsAConflictAndStoresNoKey(Metadata metadata, TempDatabase database) throws Exception {
        UUID uuid = UUID.randomUUID();
        add(metadata, uuid, Keys.ed25519(dir).publicKey(), "");
        try (WriteHandle write = metadata.write()) {
            assertEquals("builder " + uuid + " already exists", assertThrows(ConflictException.class,
                    () -> write.builderAdd(uuid, Keys.ed25519(dir).publicKey(), "")).getMessage());
        }
        assertEquals(1, count(database, "pubkeys"));
        assertEquals(2, count(database, "pubkey_fingerprints"));
    }

    @Test
    void malformedKeysAreInvalidInputAndStoreNothing(Metadata metadata, TempDatabase database) throws Exception {
        Keys keys = Keys.ed25519(dir);
        String[] fields = keys.canonical().split(" ");
        byte[] blob = java.util.Base64.getDecoder().decode(fields[1]);
        String truncated = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(blob, blob.length - 5));
        Path privateKey = Files.list(dir).filter(Files::isDirectory).findFirst().orElseThrow().resolve("id");
        List<String> bad = List.of(
                "ssh-ed25519 !!!notbase64!!!",
                "ssh-rsa " + fields[1],
                "ssh-ed25519 " + truncated,
                Files.readString(privateKey),
                "",
                "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
                keys.canonical() + "\n" + keys.canonical());
        for (String key : bad) {
            try (WriteHandle write = metadata.write()) {
                assertThrows(InvalidInputException.class, () -> write.builderAdd(UUID.randomUUID(), key, ""),
                        key.length() > 40 ? key.substring(0, 40) : key);
            }
        }
        try (WriteHandle write = metadata.write()) {
            InvalidInputException error = assertThrows(InvalidInputException.class,
                    () -> write.builderAdd(UUID.randomUUID(), Files.readString(privateKey), ""));
            assertTrue(error.getMessage().contains("private key"), error.getMessage());
        }
        assertEquals(0, count(database, "pubkeys"));
        assertEquals(0, count(database, "builders"));
    }

    @Test
    void removeDeletesBuilderAssignmentsAndKey(Metadata metadata, TempDatabase database) throws Exception {
        Keys keys = Keys.ed25519(dir);
        UUID uuid = UUID.randomUUID();
        metadata.useTransaction(write -> {
            write.targetAdd("t");
            write.builderAdd(uuid, keys.publicKey(), "");
            write.builderTargetAdd(uuid, "t");
            write.builderRemove(uuid);
        });
        assertEquals(0, count(database, "builders") + count(database, "pubkeys")
                + count(database, "pubkey_fingerprints") + count(database, "builder_targets"));
        try (ReadHandle read = metadata.read()) {
            assertThrows(NotFoundException.class, () -> read.builderLookup(keys.sha256()));
        }
        // the key is free for a new builder
        add(metadata, UUID.randomUUID(), keys.publicKey(), "");
    }

    @Test
    void builderOrTargetWithJobsCannotBeRemoved(Metadata metadata, TempDatabase database) throws Exception {
        UUID uuid = UUID.randomUUID();
        metadata.useTransaction(write -> {
            write.targetAdd("t");
            write.crateAdd("c");
            write.crateVersionAdd("c", "1.0.0", "c".repeat(64), false);
            try {
                write.builderAdd(uuid, Keys.ed25519(dir).publicKey(), "");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        try (Connection connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO jobs (uuid, builder, target, crate_version, timeout) "
                    + "SELECT gen_random_uuid(), b.id, t.id, v.id, now() FROM builders b, targets t, crate_versions v");
        }
        try (WriteHandle write = metadata.write()) {
            ConflictException error = assertThrows(ConflictException.class, () -> write.builderRemove(uuid));
            assertTrue(error.getMessage().contains("disable it instead"), error.getMessage());
        }
        try (WriteHandle write = metadata.write()) {
            assertThrows(ConflictException.class, () -> write.targetRemove("t"));
        }
        assertEquals(1, count(database, "builders"));
        assertEquals(1, count(database, "targets"));
    }

    @Test
    void nullUuidIsInvalidInput(Metadata metadata) {
        try (ReadHandle read = metadata.read()) {
            assertThrows(InvalidInputException.class, () -> read.builderGet(null));
        }
    }

    static long count(TempDatabase database, String table) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void fingerprintStoredAsSshKeygenPrintsIt(Metadata metadata, TempDatabase database) throws Exception {
        Keys keys = Keys.generate(dir, "rsa", 3072);
        add(metadata, UUID.randomUUID(), keys.publicKey(), "");
        try (Connection connection = database.dataSource().getConnection();
             var rows = connection.createStatement().executeQuery(
                     "SELECT fingerprint FROM pubkey_fingerprints ORDER BY fingerprint")) {
            rows.next();
            assertEquals(keys.sha256(), rows.getString(1));
            rows.next();
            assertEquals(keys.sha512(), rows.getString(1));
            assertFalse(rows.next());
        }
    }
}
