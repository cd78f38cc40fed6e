package rs.builds.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import rs.builds.database.IndexEntry;
import rs.builds.database.temp.TempDatabase;
import rs.builds.database.temp.TempDatabaseExtension;

/** Loading the stored sync digests: PostgreSQL's binary COPY format read by hand, and both ways of loading. */
@ExtendWith(TempDatabaseExtension.class)
class SyncDigestReaderTest {
    private static final String CHECKSUM = "cd".repeat(32);

    static byte[] digestOf(String crate) {
        return new SyncDigester().digest(crate, new java.util.ArrayList<>(List.of(
                new IndexEntry(crate, "1.0.0", CHECKSUM, false))));
    }

    @Test
    void readsEachValueOfABinaryCopyPastAHeaderExtension() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("PGCOPY\n\377\r\n\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.writeInt(0); // flags
        out.writeInt(3); // a header extension, skipped
        out.write(new byte[] {9, 9, 9});
        for (String crate : List.of("a", "b")) {
            out.writeShort(1);
            out.writeInt(SyncDigester.BYTES);
            out.write(digestOf(crate));
        }
        out.writeShort(1);
        out.writeInt(0); // an invalidated digest: never matches
        out.writeShort(-1);
        SyncDigests digests = new SyncDigests(0);
        SyncDigestReader.read(new ByteArrayInputStream(bytes.toByteArray()), digests);
        assertEquals(2, digests.size());
        assertTrue(digests.contains(digestOf("a")));
        assertTrue(digests.contains(digestOf("b")));
        assertFalse(digests.contains(digestOf("c")));
    }

    @Test
    void loadsAllStoredDigestsOrThoseOfNamedCrates(TempDatabase database) {
        try (Handle handle = SyncCopyRowsTest.jdbi(database).open()) {
            handle.begin();
            for (String crate : List.of("a", "b", "c")) {
                handle.createUpdate("WITH crate AS (INSERT INTO crates (name) VALUES (:name) RETURNING id)"
                        + " INSERT INTO crate_sync_digests (crate, digest) SELECT id, :digest FROM crate")
                        .bind("name", crate).bind("digest", digestOf(crate)).execute();
            }
            handle.createUpdate("INSERT INTO crates (name) VALUES ('d')").execute();
            SyncDao sync = handle.attach(SyncDao.class);

            SyncDigests all = SyncDigestReader.all(handle, sync);
            assertEquals(3, all.size());
            for (String crate : List.of("a", "b", "c")) {
                assertTrue(all.contains(digestOf(crate)), crate);
            }
            SyncDigests named = SyncDigestReader.of(sync, new String[] {"b", "d", "e"});
            assertEquals(1, named.size());
            assertTrue(named.contains(digestOf("b")));
            assertFalse(named.contains(digestOf("a")));
            handle.rollback();
        }
    }
}
