package rs.builds.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import rs.builds.database.temp.TempDatabase;

/**
 * Issue 5, hostile and bad input: a generated corpus of values (quotes, SQL fragments, control characters, NUL,
 * broken UTF-16, 1 MB strings, look-alikes, malformed SSH keys) applied to every text input of the API. Each case
 * must end in exactly one of two ways: the value is stored and reads back through the API exactly, or the call
 * throws InvalidInputException (or a NotFoundException/ConflictException the API documents for that call) with a
 * short non-empty message and leaves every table as it was. Any other exception type fails the case.
 *
 * <p>One database for the whole class (a database per case would cost a CREATE DATABASE each): cases use their own
 * crates, versions, targets, builders and jobs, so the order they run in does not matter.
 */
class HostileInputTest {
    /** Longest acceptable error message: a message never carries a 1 MB value. */
    private static final int MESSAGE_MAX = 2000;
    private static final int MB = 1 << 20;

    private static final String TARGET = "hostile-target";
    private static final String VERSIONS_CRATE = "hostile-versions";
    private static final String CHECKSUMS_CRATE = "hostile-checksums";
    private static final String SYNC_CRATE = "hostile-sync";
    private static final String JOBS_CRATE = "hostile-jobs";

    /** Tables that a rejected call must leave as they were. */
    private static final List<String> TABLES = List.of("crates", "crate_versions", "builders", "pubkeys",
            "pubkey_fingerprints", "targets", "builder_targets", "jobs", "job_logs", "job_artifacts", "job_queue",
            "queue_settings");

    private static TempDatabase database;
    private static Metadata metadata;
    private static UUID fixtureBuilder;
    private static String fixtureKey;
    private static boolean anyFailed;

    // ---------------------------------------------------------------------------------------------------------
    // the corpus

    /** A hostile value with a readable label; made when first used (some are 1 MB, some need ssh-keygen). */
    private static final class Value {
        final String label;
        private final Supplier<String> make;
        private String text;

        Value(String label, Supplier<String> make) {
            this.label = label;
            this.make = make;
        }

        String text() {
            if (text == null) {
                text = make.get();
            }
            return text;
        }

        static Value of(String label, String text) {
            return new Value(label, () -> text);
        }
    }

    /** Which outcomes a case may have. */
    private enum Outcome { STORED, INVALID, NOT_FOUND, CONFLICT }

    /** The outcomes allowed by a rule, for a value. */
    @FunctionalInterface
    private interface Rule {
        Set<Outcome> allowed(String value);
    }

    /** Runs the call under test for a value; returns the check that reads it back, run only if it succeeded. */
    @FunctionalInterface
    private interface Call {
        Runnable run(String value);
    }

    /** Sets up what a case needs (committed before the snapshot) and returns the call under test. */
    @FunctionalInterface
    private interface Operation {
        Call prepare(int n);
    }

    private record Case(String operation, Value value, int n, Operation prepare, Rule rule) {
    }

    static final List<Value> VALUES = List.of(
            Value.of("empty", ""),
            Value.of("single quote", "'"),
            Value.of("double quote", "\""),
            Value.of("backtick", "`"),
            Value.of("backslash", "\\"),
            Value.of("three backslashes", "\\\\\\"),
            Value.of("semicolon", ";"),
            Value.of("'; DROP TABLE crates; --", "'; DROP TABLE crates; --"),
            Value.of("\"; DELETE FROM builders; --", "\"; DELETE FROM builders; --"),
            Value.of("Robert'); DROP TABLE targets;--", "Robert'); DROP TABLE targets;--"),
            Value.of("$1", "$1"),
            Value.of("dollar quoting", "$$; SELECT pg_sleep(10); $$"),
            Value.of(":name", ":name"),
            Value.of("?", "?"),
            Value.of("%", "%"),
            Value.of("_", "_"),
            Value.of("%_%", "%_%"),
            Value.of("! (LIKE escape)", "!"),
            Value.of("!% escaped", "!%"),
            Value.of("COPY null \\N", "\\N"),
            Value.of("COPY end marker \\.", "\\."),
            Value.of("E'\\\\x'", "E'\\\\x'"),
            Value.of("bytea \\x00", "\\x00"),
            Value.of("tab", "a\tb"),
            Value.of("CR", "a\rb"),
            Value.of("LF", "a\nb"),
            Value.of("trailing CRLF", "line\r\n"),
            Value.of("U+0001", "\u0001"),
            Value.of("DEL U+007F", "x\u007f"),
            Value.of("ANSI escape", "\u001b[31mred\u001b[0m"),
            Value.of("NUL inside", "nul\0inside"),
            Value.of("NUL only", "\0"),
            Value.of("NUL at end", "end\0"),
            Value.of("lone high surrogate", "\uD800"),
            Value.of("lone low surrogate", "x\uDC00y"),
            Value.of("reversed surrogate pair", "\uDC00\uD800"),
            Value.of("high surrogate at end", "crab\uD83E"),
            Value.of("single space", " "),
            Value.of("leading and trailing spaces", "  serde  "),
            Value.of("ideographic space", "\u3000"),
            Value.of("trailing NBSP", "serde\u00A0"),
            Value.of("Cyrillic look-alike", "\u0455erde"),
            Value.of("zero-width space", "ser\u200Bde"),
            Value.of("RTL override", "\u202Eedres"),
            Value.of("combining acute", "se\u0301rde"),
            Value.of("precomposed e-acute", "s\u00E9rde"),
            Value.of("BOM", "\uFEFFserde"),
            Value.of("line separator U+2028", "a\u2028b"),
            Value.of("emoji", "\uD83E\uDD80"),
            Value.of("ZWJ emoji sequence", "\uD83D\uDC69\u200D\uD83D\uDCBB"),
            Value.of("256 chars", "a".repeat(256)),
            Value.of("128 emoji (256 chars)", "\uD83E\uDD80".repeat(128)),
            Value.of("257 chars", "a".repeat(257)),
            Value.of("4096 chars", "c".repeat(4096)),
            Value.of("4097 chars", "c".repeat(4097)),
            new Value("1 MB", () -> "x".repeat(MB)),
            new Value("1 MB of quotes and backslashes", () -> "'\\".repeat(MB / 2)),
            new Value("1 MB ending in NUL", () -> "x".repeat(MB - 1) + "\0"));

    static final List<Value> CHECKSUMS = List.of(
            Value.of("64 lowercase hex (valid)", "0123456789abcdef".repeat(4)),
            Value.of("64 uppercase hex", "0123456789ABCDEF".repeat(4)),
            Value.of("63 hex", "a".repeat(63)),
            Value.of("65 hex", "a".repeat(65)),
            Value.of("64 hex + LF", "b".repeat(64) + "\n"),
            Value.of("64 hex + space", "b".repeat(64) + " "),
            Value.of("space + 64 hex", " " + "b".repeat(64)),
            Value.of("64 g", "g".repeat(64)),
            Value.of("sha256: prefix", "sha256:" + "c".repeat(64)),
            Value.of("fullwidth digits", "\uFF10".repeat(64)),
            Value.of("Arabic-Indic digits", "\u0660".repeat(64)),
            Value.of("Cyrillic e look-alikes", "\u0435".repeat(64)),
            Value.of("64 hex with NUL", "d".repeat(63) + "\0"),
            Value.of("SQL in checksum", "'; DROP TABLE crate_versions; --" + "0".repeat(32)));

    // ---------------------------------------------------------------------------------------------------------
    // rules: what the API documents (and Inputs enforces)

    private static boolean unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return true;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Other names (fingerprints, artifacts, search queries): non-empty, at most 256 characters, storable. */
    private static Set<Outcome> name(String value) {
        return value.isEmpty() || value.length() > 256 || unstorable(value) ? Set.of(Outcome.INVALID)
                : Set.of(Outcome.STORED);
    }

    /** Crate names, versions, target names: as {@link Names} says (far stricter than storable). */
    private static Set<Outcome> crateName(String value) {
        return Names.isCrateName(value) ? Set.of(Outcome.STORED) : Set.of(Outcome.INVALID);
    }

    private static Set<Outcome> version(String value) {
        return Names.isVersion(value) ? Set.of(Outcome.STORED) : Set.of(Outcome.INVALID);
    }

    private static Set<Outcome> targetName(String value) {
        return Names.isTargetName(value) ? Set.of(Outcome.STORED) : Set.of(Outcome.INVALID);
    }

    /** A lookup of an entity that does not exist: not found if the name could be one, else invalid. */
    private static Set<Outcome> missing(Set<Outcome> rule) {
        return rule.contains(Outcome.STORED) ? Set.of(Outcome.NOT_FOUND) : Set.of(Outcome.INVALID);
    }

    /** Comments: possibly empty, at most 4096 characters, storable. */
    private static Set<Outcome> comment(String value) {
        return value.length() > 4096 || unstorable(value) ? Set.of(Outcome.INVALID) : Set.of(Outcome.STORED);
    }

    /** Free text without a documented limit (log lines, signatures): storable ones are stored, long ones may not be. */
    private static Set<Outcome> text(String value) {
        if (unstorable(value)) {
            return Set.of(Outcome.INVALID);
        }
        return value.length() > 256 ? Set.of(Outcome.STORED, Outcome.INVALID) : Set.of(Outcome.STORED);
    }

    private static Set<Outcome> checksum(String value) {
        return value.matches("[0-9a-f]{64}") ? Set.of(Outcome.STORED) : Set.of(Outcome.INVALID);
    }

    private static Set<Outcome> plus(Set<Outcome> base, Outcome... more) {
        var all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    // ---------------------------------------------------------------------------------------------------------
    // operations

    private static void tx(java.util.function.Consumer<WriteHandle> work) {
        metadata.useTransaction(write -> {
            work.accept(write);
        });
    }

    private static <T> T read(java.util.function.Function<ReadHandle, T> work) {
        try (ReadHandle read = metadata.read()) {
            return work.apply(read);
        }
    }

    static String sum(int n) {
        return String.format("%064x", n);
    }

    /** A running job of the fixture builder, on a version added for it. */
    private static JobInfo runningJob(int n) {
        tx(write -> write.crateVersionAdd(JOBS_CRATE, "0.0." + n, sum(n), false));
        JobInfo job = metadata.inTransaction(write -> write.jobRequest(fixtureBuilder)).orElseThrow(
                () -> new AssertionError("no job to claim for the fixture builder"));
        assertTrue(job.running());
        return job;
    }

    private static List<JobLogLine> logs(UUID job) {
        List<JobLogLine> lines = new ArrayList<>();
        read(read -> read.jobLogs(job, lines::add));
        return lines;
    }

    private static Stream<Case> textCases() {
        List<Case> cases = new ArrayList<>();
        int[] n = {0};
        java.util.function.BiConsumer<String, Object[]> add = (operation, spec) -> {
            @SuppressWarnings("unchecked")
            List<Value> values = (List<Value>) spec[0];
            for (Value value : values) {
                cases.add(new Case(operation, value, n[0]++, (Operation) spec[1], (Rule) spec[2]));
            }
        };

        add.accept("crateAdd(name)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.crateAdd(v));
            return () -> read(read -> {
                assertEquals(new CrateInfo(v, true, 0), read.crateInfo(v));
                assertEquals(v, read.crateList(v).get(0).name(), "an exact match ranks first");
                return null;
            });
        }, (Rule) HostileInputTest::crateName});

        add.accept("crateVersionAdd(crate)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> {
                write.crateAdd(v);
                write.crateVersionAdd(v, "9.9.9", sum(9999), false);
            });
            return () -> read(read -> {
                assertEquals(new VersionInfo(v, "9.9.9", sum(9999), false), read.crateVersionInfo(v, "9.9.9"));
                assertTrue(read.crateVersions(v).contains(new VersionInfo(v, "9.9.9", sum(9999), false)));
                return null;
            });
        }, (Rule) HostileInputTest::crateName});

        add.accept("crateVersionAdd(crate not added)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.crateVersionAdd(v, "7.7.7", sum(7777), false));
            return () -> assertEquals(new VersionInfo(v, "7.7.7", sum(7777), false),
                    read(read -> read.crateVersionInfo(v, "7.7.7")));
        }, (Rule) v -> crateName(v).contains(Outcome.STORED) ? Set.of(Outcome.NOT_FOUND, Outcome.STORED)
                : Set.of(Outcome.INVALID)});

        add.accept("crateVersionAdd(version)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.crateVersionAdd(VERSIONS_CRATE, v, sum(i), true));
            return () -> read(read -> {
                assertEquals(new VersionInfo(VERSIONS_CRATE, v, sum(i), true), read.crateVersionInfo(VERSIONS_CRATE, v));
                return null;
            });
        }, (Rule) HostileInputTest::version});

        List<Value> checksums = new ArrayList<>(CHECKSUMS);
        checksums.addAll(VALUES);
        add.accept("crateVersionAdd(checksum)", new Object[] {checksums, (Operation) i -> v -> {
            tx(write -> write.crateVersionAdd(CHECKSUMS_CRATE, "1.0." + i, v, false));
            return () -> read(read -> {
                assertEquals(new VersionInfo(CHECKSUMS_CRATE, "1.0." + i, v, false),
                        read.crateVersionInfo(CHECKSUMS_CRATE, "1.0." + i));
                return null;
            });
        }, (Rule) HostileInputTest::checksum});

        add.accept("sync(crate)", new Object[] {VALUES, (Operation) i -> v -> {
            SyncSummary summary = metadata.inTransaction(write -> write.sync(
                    List.of(new IndexEntry(v, "8.8.8", sum(8888), false)).iterator(), SyncOptions.partial()));
            return () -> read(read -> {
                assertEquals(1, summary.rows());
                assertEquals(new VersionInfo(v, "8.8.8", sum(8888), false), read.crateVersionInfo(v, "8.8.8"));
                assertEquals(new CrateInfo(v, true, 0), read.crateInfo(v));
                return null;
            });
        }, (Rule) HostileInputTest::crateName});

        add.accept("sync(version, between good rows)", new Object[] {VALUES, (Operation) i -> v -> {
            List<IndexEntry> rows = List.of(new IndexEntry(SYNC_CRATE, "0.0." + i + "-before", sum(i), false),
                    new IndexEntry(SYNC_CRATE, v, sum(i), true),
                    new IndexEntry(SYNC_CRATE, "0.0." + i + "-after", sum(i), false));
            SyncSummary summary = metadata.inTransaction(write -> write.sync(rows.iterator(), SyncOptions.partial()));
            return () -> read(read -> {
                assertEquals(3, summary.rows());
                assertEquals(new VersionInfo(SYNC_CRATE, v, sum(i), true), read.crateVersionInfo(SYNC_CRATE, v));
                assertEquals(new VersionInfo(SYNC_CRATE, "0.0." + i + "-after", sum(i), false),
                        read.crateVersionInfo(SYNC_CRATE, "0.0." + i + "-after"));
                return null;
            });
        }, (Rule) HostileInputTest::version});

        add.accept("sync(checksum)", new Object[] {checksums, (Operation) i -> v -> {
            metadata.inTransaction(write -> write.sync(List.of(new IndexEntry(SYNC_CRATE, "0.1." + i, v, false))
                    .iterator(), SyncOptions.partial()));
            return () -> read(read -> {
                assertEquals(new VersionInfo(SYNC_CRATE, "0.1." + i, v, false),
                        read.crateVersionInfo(SYNC_CRATE, "0.1." + i));
                return null;
            });
        }, (Rule) HostileInputTest::checksum});

        add.accept("crateList(query)", new Object[] {VALUES, (Operation) i -> v -> {
            boolean exists = Names.isCrateName(v) && read(read -> {
                try {
                    read.crateInfo(v);
                    return true;
                } catch (NotFoundException e) {
                    return false;
                }
            });
            List<CrateInfo> found = read(read -> read.crateList(v));
            return () -> {
                assertTrue(found.size() <= ReadHandle.CRATE_LIST_LIMIT, found.size() + " results");
                if (exists) {
                    assertEquals(v, found.get(0).name(), "an exact match ranks first");
                }
            };
        }, (Rule) v -> v.isEmpty() ? Set.of(Outcome.STORED) : name(v)});

        add.accept("builderLookup(fingerprint)", new Object[] {VALUES, (Operation) i -> v -> {
            UUID found = read(read -> read.builderLookup(v));
            return () -> fail("no builder has the fingerprint " + describe(v) + ", yet it found " + found);
        }, (Rule) v -> name(v).contains(Outcome.STORED) ? Set.of(Outcome.NOT_FOUND) : Set.of(Outcome.INVALID)});

        add.accept("builderAdd(comment)", new Object[] {VALUES, (Operation) i -> {
            UUID uuid = UUID.nameUUIDFromBytes(("comment-" + i).getBytes(StandardCharsets.UTF_8));
            String key = ed25519(i);
            return v -> {
                tx(write -> write.builderAdd(uuid, key, v));
                return () -> assertEquals(new Builder(uuid, canonical(key), v, false, null, List.of()),
                        read(read -> read.builderGet(uuid)));
            };
        }, (Rule) HostileInputTest::comment});

        add.accept("builderSetComment(comment)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.builderSetComment(fixtureBuilder, v));
            return () -> assertEquals(v, read(read -> read.builderGet(fixtureBuilder)).comment());
        }, (Rule) HostileInputTest::comment});

        add.accept("targetAdd(name)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.targetAdd(v));
            return () -> {
                assertEquals(new TargetInfo(v, false), read(read -> read.targetInfo(v)));
                assertTrue(read(ReadHandle::targetList).contains(new TargetInfo(v, false)));
                tx(write -> write.targetRemove(v)); // so that the rename cases can use the name
                assertThrows(NotFoundException.class, () -> read(read -> read.targetInfo(v)));
            };
        }, (Rule) HostileInputTest::targetName});

        add.accept("targetRename(to name)", new Object[] {VALUES, (Operation) i -> {
            String old = "rename-" + i;
            tx(write -> write.targetAdd(old));
            return v -> {
                tx(write -> write.targetRename(old, v));
                return () -> {
                    assertEquals(new TargetInfo(v, false), read(read -> read.targetInfo(v)));
                    assertThrows(NotFoundException.class, () -> read(read -> read.targetInfo(old)));
                    tx(write -> write.targetRemove(v));
                };
            };
        }, (Rule) HostileInputTest::targetName});

        add.accept("builderTargetAdd(target)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.builderTargetAdd(fixtureBuilder, v));
            return () -> fail("there is no target " + describe(v) + ", yet builderTargetAdd succeeded");
        }, (Rule) v -> missing(targetName(v))});

        add.accept("jobRequeue(crate)", new Object[] {VALUES, (Operation) i -> v -> {
            tx(write -> write.jobRequeue(v, "0.0.0-never-added", TARGET));
            return () -> fail("there is no version 0.0.0-never-added, yet jobRequeue succeeded");
        }, (Rule) v -> missing(crateName(v))});

        // not found unless a crate case added a crate of that name (cases run in any order)
        add.accept("jobList(crate filter)", new Object[] {VALUES, (Operation) i -> v -> {
            List<JobInfo> jobs = read(read -> read.jobList(JobFilter.all().crate(v)));
            return () -> jobs.forEach(job -> assertEquals(v, job.crate()));
        }, (Rule) v -> crateName(v).contains(Outcome.STORED) ? Set.of(Outcome.NOT_FOUND, Outcome.STORED)
                : Set.of(Outcome.INVALID)});

        add.accept("jobList(version filter)", new Object[] {VALUES, (Operation) i -> v -> {
            read(read -> read.jobList(JobFilter.all().crate(JOBS_CRATE).version(v)));
            return () -> fail(JOBS_CRATE + " has no version " + describe(v) + ", yet jobList succeeded");
        }, (Rule) v -> missing(version(v))});

        add.accept("jobList(target filter)", new Object[] {VALUES, (Operation) i -> v -> {
            read(read -> read.jobList(JobFilter.all().target(v)));
            return () -> fail("there is no target " + describe(v) + ", yet jobList succeeded");
        }, (Rule) v -> missing(targetName(v))});

        add.accept("jobLog(line, between good lines)", new Object[] {VALUES, (Operation) i -> {
            UUID job = runningJob(i).uuid();
            return v -> {
                tx(write -> write.jobLog(job, List.of("before", v, "after")));
                return () -> assertEquals(List.of(new JobLogLine(JobStage.INIT, "before"),
                        new JobLogLine(JobStage.INIT, v), new JobLogLine(JobStage.INIT, "after")), logs(job));
            };
        }, (Rule) HostileInputTest::text});

        add.accept("jobArtifactAdd(name)", new Object[] {VALUES, (Operation) i -> {
            UUID job = runningJob(i).uuid();
            return v -> {
                long id = metadata.inTransaction(write -> write.jobArtifactAdd(job, v, "sha256:00", 7, "sig"));
                return () -> assertEquals(List.of(new ArtifactInfo(id, job, v, "sha256:00", 7, "sig", 0)),
                        read(read -> read.jobArtifacts(job)));
            };
        }, (Rule) HostileInputTest::name});

        add.accept("jobArtifactAdd(hash)", new Object[] {VALUES, (Operation) i -> {
            UUID job = runningJob(i).uuid();
            return v -> {
                long id = metadata.inTransaction(write -> write.jobArtifactAdd(job, "a.crate", v, 7, "sig"));
                return () -> assertEquals(List.of(new ArtifactInfo(id, job, "a.crate", v, 7, "sig", 0)),
                        read(read -> read.jobArtifacts(job)));
            };
        }, (Rule) v -> v.isEmpty() ? Set.of(Outcome.INVALID) : text(v)});

        add.accept("jobArtifactAdd(signature)", new Object[] {VALUES, (Operation) i -> {
            UUID job = runningJob(i).uuid();
            return v -> {
                long id = metadata.inTransaction(write -> write.jobArtifactAdd(job, "a.crate", "h", 7, v));
                return () -> assertEquals(List.of(new ArtifactInfo(id, job, "a.crate", "h", 7, v, 0)),
                        read(read -> read.jobArtifacts(job)));
            };
        }, (Rule) v -> v.isEmpty() ? Set.of(Outcome.STORED, Outcome.INVALID) : text(v)});

        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------
    // SSH keys

    /** SSH wire-format string: uint32 length, bytes. */
    private static byte[] wire(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            out.write(field.length >>> 24);
            out.write(field.length >>> 16);
            out.write(field.length >>> 8);
            out.write(field.length);
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A structurally valid ed25519 public key line, different for each seed. */
    static String ed25519(long seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return "ssh-ed25519 " + b64(wire(ascii("ssh-ed25519"), key)) + " case-" + seed;
    }

    /** An ssh-rsa key line with exponent 65537 and a modulus of {@code bits} bits (no primality needed). */
    static String rsa(long seed, int bits, BigInteger exponent) {
        BigInteger modulus = new BigInteger(bits, new Random(seed)).setBit(bits - 1).setBit(0);
        return "ssh-rsa " + b64(wire(ascii("ssh-rsa"), exponent.toByteArray(), modulus.toByteArray()));
    }

    static String canonical(String keyLine) {
        String[] fields = keyLine.strip().split("[ \t]+");
        return fields[0] + " " + fields[1];
    }

    static String fingerprint(String keyLine, String algorithm, String prefix) {
        try {
            byte[] blob = Base64.getDecoder().decode(canonical(keyLine).split(" ")[1]);
            return prefix + Base64.getEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance(algorithm).digest(blob));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Real keys from ssh-keygen, made once. */
    private static final class RealKeys {
        static final String ED25519_PUBLIC;
        static final String ED25519_PRIVATE;
        static final String ECDSA_PUBLIC;
        static final String RSA_PUBLIC;

        static {
            try {
                Path dir = Files.createTempDirectory("hostile-keys");
                ED25519_PUBLIC = keygen(dir, "ed", "ed25519", null);
                ED25519_PRIVATE = Files.readString(dir.resolve("ed"));
                ECDSA_PUBLIC = keygen(dir, "ec", "ecdsa", "256");
                RSA_PUBLIC = keygen(dir, "rsa", "rsa", "2048");
            } catch (IOException | InterruptedException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static String keygen(Path dir, String file, String type, String bits)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C",
                    "hostile@test", "-f", dir.resolve(file).toString()));
            if (bits != null) {
                command.addAll(List.of("-b", bits));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException(command + " failed: " + output);
            }
            return Files.readString(dir.resolve(file + ".pub"));
        }
    }

    private record KeyCase(Value key, Set<Outcome> allowed) {
    }

    private static KeyCase valid(String label, Supplier<String> key) {
        return new KeyCase(new Value(label, key), Set.of(Outcome.STORED));
    }

    private static KeyCase invalid(String label, Supplier<String> key) {
        return new KeyCase(new Value(label, key), Set.of(Outcome.INVALID));
    }

    static List<KeyCase> keyCases() {
        String ed = ed25519(1);
        String edBase64 = ed.split(" ")[1];
        byte[] edBlob = Base64.getDecoder().decode(edBase64);
        byte[] ecPoint = new byte[65];
        new Random(3).nextBytes(ecPoint);
        ecPoint[0] = 0x04;
        byte[] ecBlob = wire(ascii("ecdsa-sha2-nistp256"), ascii("nistp256"), ecPoint);
        return List.of(
                valid("real ed25519 .pub with newline", () -> RealKeys.ED25519_PUBLIC),
                valid("real ecdsa 256", () -> RealKeys.ECDSA_PUBLIC),
                valid("real rsa 2048", () -> RealKeys.RSA_PUBLIC),
                valid("ed25519 with CRLF", () -> ed25519(101) + "\r\n"),
                valid("ed25519 with leading spaces and tab", () -> " \t " + ed25519(102)),
                valid("ed25519 with tab separators", () -> ed25519(103).replace(' ', '\t')),
                valid("ed25519 without comment", () -> canonical(ed25519(104))),
                valid("ed25519 with SQL comment", () -> canonical(ed25519(105)) + " '; DROP TABLE builders; --"),
                valid("ed25519 with RTL/emoji comment", () -> canonical(ed25519(106)) + " \u202Eevil \uD83E\uDD80"),
                new KeyCase(new Value("ed25519 with lone surrogate in comment",
                        () -> canonical(ed25519(107)) + " bad\uD800"), Set.of(Outcome.STORED, Outcome.INVALID)),
                valid("ecdsa nistp256 (synthetic point)", () -> "ecdsa-sha2-nistp256 " + b64(ecBlob)),
                valid("rsa 4096 (synthetic)", () -> rsa(108, 4096, BigInteger.valueOf(65537))),
                valid("rsa 16384 (synthetic, the largest ssh-keygen makes)", () -> rsa(109, 16384, BigInteger.valueOf(65537))),
                new KeyCase(new Value("rsa with a 1 MB modulus", () -> rsa(110, 8 * MB, BigInteger.valueOf(65537))),
                        Set.of(Outcome.STORED, Outcome.INVALID)),
                new KeyCase(new Value("the fixture builder's key again", () -> fixtureKey), Set.of(Outcome.CONFLICT)),
                new KeyCase(new Value("the fixture builder's key, other comment",
                        () -> canonical(fixtureKey) + " someone-else"), Set.of(Outcome.CONFLICT)),
                invalid("empty", () -> ""),
                invalid("whitespace only", () -> " \t\r\n "),
                invalid("type only", () -> "ssh-ed25519"),
                invalid("type and space", () -> "ssh-ed25519 "),
                invalid("bad base64 characters", () -> "ssh-ed25519 AAAA!!!!" + edBase64.substring(8)),
                invalid("base64 without padding", () -> "ecdsa-sha2-nistp256 " + b64(ecBlob).replace("=", "")),
                invalid("base64 split by a space", () -> "ssh-ed25519 " + edBase64.substring(0, 20) + " "
                        + edBase64.substring(20)),
                invalid("zero-width space in base64", () -> "ssh-ed25519 " + edBase64.substring(0, 20) + "\u200B"
                        + edBase64.substring(20)),
                invalid("lone surrogate in base64", () -> "ssh-ed25519 " + edBase64.substring(0, 20) + "\uD800"
                        + edBase64.substring(20)),
                invalid("wrong type ssh-dss", () -> "ssh-dss " + edBase64),
                invalid("uppercase type", () -> "SSH-ED25519 " + edBase64),
                invalid("certificate type", () -> "ssh-ed25519-cert-v01@openssh.com " + edBase64),
                invalid("Cyrillic look-alike type", () -> "\u0455sh-ed25519 " + edBase64),
                invalid("ssh-rsa label on ed25519 data", () -> "ssh-rsa " + edBase64),
                invalid("nistp384 label on nistp256 data", () -> "ecdsa-sha2-nistp384 " + b64(ecBlob)),
                invalid("truncated base64", () -> "ssh-ed25519 " + edBase64.substring(0, 40)),
                invalid("key data one byte short",
                        () -> "ssh-ed25519 " + b64(java.util.Arrays.copyOf(edBlob, edBlob.length - 1))),
                invalid("trailing bytes after key data",
                        () -> "ssh-ed25519 " + b64(java.util.Arrays.copyOf(edBlob, edBlob.length + 3))),
                invalid("ed25519 key of 33 bytes", () -> "ssh-ed25519 " + b64(wire(ascii("ssh-ed25519"), new byte[33]))),
                invalid("length prefix 0xffffffff", () -> "ssh-ed25519 " + b64(new byte[] {-1, -1, -1, -1, 1, 2, 3})),
                invalid("rsa 512 bits", () -> rsa(111, 512, BigInteger.valueOf(65537))),
                invalid("rsa exponent 0", () -> rsa(112, 2048, BigInteger.ZERO)),
                invalid("ecdsa compressed point", () -> {
                    byte[] point = java.util.Arrays.copyOf(ecPoint, 33);
                    point[0] = 0x02;
                    return "ecdsa-sha2-nistp256 " + b64(wire(ascii("ecdsa-sha2-nistp256"), ascii("nistp256"), point));
                }),
                invalid("real OpenSSH private key", () -> RealKeys.ED25519_PRIVATE),
                invalid("PEM RSA private key", () -> "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx\n"
                        + "-----END RSA PRIVATE KEY-----\n"),
                invalid("PEM public key", () -> "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----"),
                invalid("RFC 4716 SSH2 public key", () -> "---- BEGIN SSH2 PUBLIC KEY ----\n" + edBase64
                        + "\n---- END SSH2 PUBLIC KEY ----\n"),
                invalid("authorized_keys options prefix", () -> "command=\"rm -rf /\" " + canonical(ed25519(113))),
                invalid("two keys on two lines", () -> ed25519(114) + "\n" + ed25519(115) + "\n"),
                invalid("key, blank line, junk", () -> ed25519(116) + "\n\njunk"),
                invalid("1 MB of junk", () -> {
                    Random random = new Random(117);
                    StringBuilder junk = new StringBuilder(MB);
                    while (junk.length() < MB) {
                        junk.append((char) (' ' + random.nextInt(95)));
                    }
                    return junk.toString();
                }),
                invalid("type then 1 MB of base64 A", () -> "ssh-ed25519 " + "A".repeat(MB)),
                invalid("NUL inside the key data", () -> "ssh-ed25519 " + edBase64.substring(0, 20) + "\0"
                        + edBase64.substring(20)),
                invalid("NUL in the comment", () -> canonical(ed25519(118)) + " nul\0comment"),
                invalid("NUL only", () -> "\0"),
                invalid("SQL injection", () -> "'; DROP TABLE pubkeys; --"));
    }

    private static Stream<Case> keyCasesAsCases() {
        List<Case> cases = new ArrayList<>();
        int n = 100_000;
        for (KeyCase keyCase : keyCases()) {
            int i = n++;
            cases.add(new Case("builderAdd(publicKey)", keyCase.key(), i, j -> {
                UUID uuid = UUID.nameUUIDFromBytes(("key-" + j).getBytes(StandardCharsets.UTF_8));
                return v -> {
                    tx(write -> write.builderAdd(uuid, v, "hostile key " + j));
                    return () -> read(read -> {
                        String canonical = canonical(v);
                        assertEquals(new Builder(uuid, canonical, "hostile key " + j, false, null, List.of()),
                                read.builderGet(uuid));
                        assertEquals(uuid, read.builderLookup(fingerprint(v, "SHA-256", "SHA256:")));
                        assertEquals(uuid, read.builderLookup(fingerprint(v, "SHA-512", "SHA512:")));
                        assertEquals(uuid, read.builderLookupByKey(canonical + " any comment"));
                        return null;
                    });
                };
            }, v -> keyCase.allowed()));
        }
        for (KeyCase keyCase : keyCases()) {
            Set<Outcome> allowed = keyCase.allowed().contains(Outcome.INVALID) && keyCase.allowed().size() == 1
                    ? Set.of(Outcome.INVALID) : plus(keyCase.allowed(), Outcome.NOT_FOUND, Outcome.STORED);
            cases.add(new Case("builderLookupByKey(publicKey)", keyCase.key(), n++, j -> v -> {
                UUID found = read(read -> read.builderLookupByKey(v));
                return () -> assertEquals(canonical(v), read(read -> read.builderGet(found)).publicKey());
            }, v -> allowed.contains(Outcome.CONFLICT) ? Set.of(Outcome.STORED) : allowed));
        }
        return cases.stream();
    }

    /** Cases that fail because of bugs in main code (see the disabled tests below), by case name. */
    static final Set<String> SYNC_QUOTES_WHOLE_VALUE = Set.of(
            "sync(crate) <- 4096 chars", "sync(crate) <- 4097 chars", "sync(crate) <- 1 MB",
            "sync(crate) <- 1 MB of quotes and backslashes", "sync(crate) <- 1 MB ending in NUL",
            "sync(version, between good rows) <- 4096 chars", "sync(version, between good rows) <- 4097 chars",
            "sync(version, between good rows) <- 1 MB",
            "sync(version, between good rows) <- 1 MB of quotes and backslashes",
            "sync(version, between good rows) <- 1 MB ending in NUL");
    static final Set<String> LONG_KEYS_HIT_INDEX_LIMIT = Set.of(
            "builderAdd(publicKey) <- rsa 16384 (synthetic, the largest ssh-keygen makes)",
            "builderAdd(publicKey) <- rsa with a 1 MB modulus");

    private static String name(Case c) {
        return c.operation() + " <- " + c.value().label;
    }

    private static Stream<Named<Case>> all() {
        return Stream.concat(textCases(), keyCasesAsCases()).map(c -> Named.of(name(c), c));
    }

    static Stream<Named<Case>> corpus() {
        return all().filter(c -> !SYNC_QUOTES_WHOLE_VALUE.contains(c.getName())
                && !LONG_KEYS_HIT_INDEX_LIMIT.contains(c.getName()));
    }

    static Stream<Named<Case>> syncQuotesWholeValue() {
        return all().filter(c -> SYNC_QUOTES_WHOLE_VALUE.contains(c.getName()));
    }

    static Stream<Named<Case>> longKeysHitIndexLimit() {
        return all().filter(c -> LONG_KEYS_HIT_INDEX_LIMIT.contains(c.getName()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // the test

    @BeforeAll
    static void createDatabase() throws Exception {
        database = TempDatabase.create();
        metadata = MetadataExtension.connect(database, 4);
        Path dir = Files.createTempDirectory("hostile");
        fixtureKey = Keys.ed25519(dir).publicKey();
        fixtureBuilder = UUID.randomUUID();
        tx(write -> {
            write.targetAdd(TARGET);
            write.targetSetEnabled(TARGET, true);
            write.builderAdd(fixtureBuilder, fixtureKey, "fixture");
            write.builderSetEnabled(fixtureBuilder, true);
            write.builderTargetAdd(fixtureBuilder, TARGET);
            write.crateAdd(VERSIONS_CRATE);
            write.crateAdd(CHECKSUMS_CRATE);
            write.crateAdd(JOBS_CRATE);
            write.crateAdd(SYNC_CRATE);
        });
    }

    @AfterAll
    static void dropDatabase() {
        if (metadata != null) {
            metadata.close();
        }
        if (database != null) {
            if (anyFailed) {
                System.err.println("HostileInputTest kept its database: " + database.keep());
            }
            database.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void storedExactlyOrRejectedWithoutEffect(Case c) throws Exception {
        checkNamed(c);
    }

    /**
     * The sync's row check (Inputs.syncRow) builds "sync row N (crate 'NAME' version 'VERSION'): ..." around the
     * whole crate name and version, so a 1 MB name gives a 1 MB message (a 4096-character one, a 4 kB message).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("syncQuotesWholeValue")
    void syncRejectsLongNamesWithShortMessage(Case c) throws Exception {
        checkNamed(c);
    }

    /**
     * An ssh-rsa key of 16384 bits (ssh-keygen -b 16384 makes them) is accepted by the parser but its canonical
     * form (2772 characters) is too big for the btree index of pubkeys.encoded: a plain DatabaseException
     * "index row size 2784 exceeds btree version 4 maximum 2704", not stored and not InvalidInputException.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("longKeysHitIndexLimit")
    void hugeRsaKeysAreStoredOrInvalid(Case c) throws Exception {
        checkNamed(c);
    }

    private static void checkNamed(Case c) throws Exception {
        try {
            check(c);
        } catch (AssertionError e) {
            anyFailed = true;
            throw new AssertionError(name(c) + ": " + e.getMessage(), e);
        } catch (Throwable t) {
            anyFailed = true;
            throw new AssertionError(name(c) + ": " + t, t);
        }
    }

    private static void check(Case c) throws Exception {
        String value = c.value().text();
        Set<Outcome> allowed = c.rule().allowed(value);
        Call call = c.prepare().prepare(c.n());
        String before = snapshot();
        Runnable readBack;
        Throwable thrown = null;
        try {
            readBack = call.run(value);
        } catch (Throwable t) {
            readBack = null;
            thrown = t;
        }
        if (thrown == null) {
            if (!allowed.contains(Outcome.STORED)) {
                fail("expected " + allowed + " but the call succeeded for " + describe(value));
            }
            readBack.run();
            return;
        }
        Outcome outcome = outcome(thrown);
        String message = thrown.getMessage();
        if (outcome == null) {
            throw new AssertionError("unexpected " + thrown.getClass().getName() + " (allowed: " + allowed
                    + ") for " + describe(value) + ": " + shorten(message), thrown);
        }
        if (!allowed.contains(outcome)) {
            throw new AssertionError("expected " + allowed + " but got " + thrown.getClass().getSimpleName() + " for "
                    + describe(value) + ": " + shorten(message), thrown);
        }
        assertTrue(message != null && !message.isBlank(), "empty message from " + thrown.getClass().getName());
        assertTrue(message.length() < MESSAGE_MAX, thrown.getClass().getSimpleName() + " message is "
                + message.length() + " characters long: " + shorten(message));
        assertEquals(before, snapshot(), "a rejected call changed the database");
    }

    /** @return the allowed outcome the exception stands for, or null for any other type */
    private static Outcome outcome(Throwable thrown) {
        if (thrown.getClass() == InvalidInputException.class) {
            return Outcome.INVALID;
        }
        if (thrown.getClass() == NotFoundException.class) {
            return Outcome.NOT_FOUND;
        }
        if (thrown.getClass() == ConflictException.class || thrown.getClass() == ChecksumConflictException.class) {
            return Outcome.CONFLICT;
        }
        return null;
    }

    /**
     * Every row's physical position and writing transaction, per table: any insert, update or delete (even one
     * writing identical values) changes it, and it costs no detoasting of the 1 MB values some tables hold.
     */
    private static String snapshot() throws Exception {
        StringBuilder query = new StringBuilder();
        for (String table : TABLES) {
            query.append(query.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(table)
                    .append("', count(*), md5(coalesce(string_agg(ctid::text || xmin::text, ',' ORDER BY ctid), ''))"
                            + " FROM ").append(table);
        }
        StringBuilder snapshot = new StringBuilder();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query.toString())) {
            while (rows.next()) {
                snapshot.append(rows.getString(1)).append(": ").append(rows.getLong(2)).append(" rows, ")
                        .append(rows.getString(3)).append('\n');
            }
        }
        return snapshot.toString();
    }

    /** A value for a message: Java escapes, at most 60 characters. */
    static String describe(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length() && out.length() < 60; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c > 0x7e && Character.isWhitespace(c)
                    || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append(value.length() > 60 ? "...\" (" + value.length() + " chars)" : "\"");
        return out.toString();
    }

    private static String shorten(String message) {
        return message == null ? "null" : message.length() <= 300 ? message
                : message.substring(0, 300) + "... (" + message.length() + " chars)";
    }
}
