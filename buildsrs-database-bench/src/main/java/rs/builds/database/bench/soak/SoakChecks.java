package rs.builds.database.bench.soak;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import rs.builds.database.JobLogLine;
import rs.builds.database.Metadata;
import rs.builds.database.ReadHandle;
import rs.builds.database.bench.BenchSql;

/**
 * The soak's invariants, checked with everything stopped: the database against itself, and against what the
 * clients know they committed ({@link SoakLedger}, {@link SoakRegistry}). Each check returns what it found broken.
 */
final class SoakChecks {
    /** Looks at the server's sessions before a session over a pool's size counts as leaked. */
    private static final int SESSION_SETTLE_ATTEMPTS = 10;
    /** Between those looks. */
    private static final long SESSION_SETTLE_MILLIS = 50;

    /** A row of a check's query, its columns as text. */
    private interface RowHandler {
        void row(String[] columns);
    }

    private final DataSource owner;
    private final SoakLedger ledger;
    private final SoakRegistry registry;

    /**
     * @param owner connections as the database's owner (the superuser), which sees everything
     * @param ledger what the builders know they did
     * @param registry what the sync knows it sent
     */
    SoakChecks(DataSource owner, SoakLedger ledger, SoakRegistry registry) {
        this.owner = owner;
        this.ledger = ledger;
        this.registry = registry;
    }

    SoakCheck pairs() throws SQLException {
        long pairs = single("soakPairCount");
        List<String> broken = new ArrayList<>();
        query("soakPairsBroken", row -> broken.add(String.format("%s %s on %s: state %s, attempts %s, %s running,"
                + " newest ended job succeeded: %s", row[0], row[1], row[2], row[3], row[4], row[5], row[6])));
        return new SoakCheck("every (version, enabled target) pair is queued, running, finished or given up, exactly"
                + " once", pairs, broken.size(), broken);
    }

    SoakCheck runningPastLease() throws SQLException {
        long running = single("soakJobCount");
        List<String> broken = new ArrayList<>();
        query("soakRunningPastLease", row -> broken.add("job " + row[0] + " running, lease ended " + row[1]));
        return new SoakCheck("no job is running past its lease after the final expiry sweep", running, broken.size(),
                broken);
    }

    SoakCheck overlappingClaims() throws SQLException {
        long jobs = single("soakJobCount");
        List<String> broken = new ArrayList<>();
        query("soakOverlappingJobs", row -> broken.add(String.format("%s %s on %s: job %s [%s, %s) and job %s [%s, %s)",
                row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8])));
        return new SoakCheck("no pair was claimed by two live jobs at once (by the jobs' own times)", jobs,
                broken.size(), broken);
    }

    SoakCheck jobsAsSeen() throws SQLException {
        Map<UUID, String[]> stored = jobs();
        List<String> broken = new ArrayList<>();
        ledger.jobs().forEach((uuid, job) -> {
            String[] row = stored.get(uuid);
            if (row == null) {
                broken.add("job " + uuid + " given to a builder is not stored");
                return;
            }
            if (!row[1].equals(job.claimed.crate()) || !row[2].equals(job.claimed.version())
                    || !row[3].equals(job.claimed.target())) {
                broken.add("job " + uuid + " was given for " + job.claimed.crate() + " " + job.claimed.version()
                        + " on " + job.claimed.target() + " but is stored for " + row[1] + " " + row[2] + " on " + row[3]);
            }
            if (job.finished != null && (row[4].equals("t") || !String.valueOf(job.finished).equals(bool(row[5])))) {
                broken.add("job " + uuid + " was finished with success=" + job.finished + " but is stored "
                        + (row[4].equals("t") ? "running" : "with success=" + bool(row[5])));
            }
        });
        return new SoakCheck("every job a builder was given, and every finish it saw committed, is stored as seen",
                ledger.jobs().size(), broken.size(), broken);
    }

    /**
     * Reads every job's log through the library, as the backend shows it, and matches it with the batches the
     * builders sent: each batch seen committed is there once, whole, in order; one whose commit was not seen is
     * there whole or not at all; nothing else is there.
     */
    SoakCheck logs(Metadata reader) throws SQLException {
        Map<UUID, String[]> stored = jobs();
        List<String> broken = new ArrayList<>();
        long lines = 0;
        try (ReadHandle read = reader.read()) {
            for (UUID uuid : stored.keySet()) {
                List<JobLogLine> log = new ArrayList<>();
                read.jobLogs(uuid, log::add);
                lines += log.size();
                String problem = logProblem(ledger.job(uuid), log);
                if (problem != null) {
                    broken.add("job " + uuid + ": " + problem);
                }
            }
        }
        return new SoakCheck(String.format("every committed log line is there once, in order (%,d lines)", lines),
                stored.size(), broken.size(), broken);
    }

    private static String logProblem(SoakLedger.Job job, List<JobLogLine> log) {
        int at = 0;
        if (job != null) {
            for (SoakLedger.Batch batch : job.batches) {
                if (matches(batch, log, at)) {
                    at += batch.lines();
                } else if (batch.certain()) {
                    return "committed batch " + batch.number() + " (" + batch.lines() + " lines) is not whole at line "
                            + at + " of " + log.size();
                }
            }
        }
        if (at != log.size()) {
            return (log.size() - at) + " lines nobody committed from line " + at + " (\"" + log.get(at).line() + "\")";
        }
        return null;
    }

    private static boolean matches(SoakLedger.Batch batch, List<JobLogLine> log, int at) {
        if (at + batch.lines() > log.size()) {
            return false;
        }
        for (int i = 0; i < batch.lines(); i++) {
            JobLogLine line = log.get(at + i);
            if (line.stage() != batch.stage() || !line.line().equals(SoakLedger.line(batch.number(), i))) {
                return false;
            }
        }
        return true;
    }

    SoakCheck downloads() throws SQLException {
        Map<Long, long[]> stored = new HashMap<>();
        List<String> broken = new ArrayList<>();
        query("soakDownloads", row -> {
            long total = Long.parseLong(row[1]);
            long daily = Long.parseLong(row[2]);
            stored.put(Long.parseLong(row[0]), new long[] {total, daily});
            if (total != daily) {
                broken.add("artifact " + row[0] + ": total " + total + ", days add up to " + daily);
            }
        });
        ledger.artifacts().forEach((id, sent) -> {
            long[] counts = stored.get(id);
            if (counts == null) {
                broken.add("artifact " + id + " a builder added is not stored");
            } else if (counts[1] < sent.certain || counts[1] > sent.certain + sent.uncertain) {
                broken.add("artifact " + id + ": " + counts[1] + " downloads stored, " + sent.certain
                        + " seen committed and " + sent.uncertain + " sent without knowing");
            }
        });
        return new SoakCheck("download totals equal the sum of their days, and hold every count seen committed",
                stored.size(), broken.size(), broken);
    }

    SoakCheck checksums() throws SQLException {
        Set<String> present = new HashSet<>();
        List<String> broken = new ArrayList<>();
        query("soakChecksums", row -> {
            present.add(row[0] + " " + row[1]);
            String first = registry.firstChecksum(row[0], row[1]);
            if (first == null) {
                broken.add(row[0] + " " + row[1] + " is stored but the sync never sent it");
            } else if (!first.equals(row[2])) {
                broken.add(row[0] + " " + row[1] + " has checksum " + row[2] + ", first seen " + first);
            }
        });
        for (String[] version : registry.storedVersions()) {
            if (!present.contains(version[0] + " " + version[1])) {
                broken.add(version[0] + " " + version[1] + " was seen committed by a sync but is not stored");
            }
        }
        return new SoakCheck("every checksum is the first one seen, and every version a sync committed is there",
                present.size(), broken.size(), broken);
    }

    /**
     * @param services each service's pool, by its login
     * @param poolSizes the most server sessions each login may hold: its pool's size, or the pooler's per login
     */
    SoakCheck connections(Map<String, Metadata> services, Map<String, Integer> poolSizes) throws SQLException {
        // A connection closed just before (by another check, on the owner's data source) keeps its server session
        // until its backend has read the client's goodbye, a few milliseconds later: a session over the pool's size
        // counts as leaked only if it is still there after SESSION_SETTLE_ATTEMPTS looks, SESSION_SETTLE_MILLIS apart.
        SoakCheck check = connectionsOnce(services, poolSizes);
        for (int attempt = 1; !check.holds() && attempt < SESSION_SETTLE_ATTEMPTS; attempt++) {
            try {
                Thread.sleep(SESSION_SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return check;
            }
            check = connectionsOnce(services, poolSizes);
        }
        return check;
    }

    private SoakCheck connectionsOnce(Map<String, Metadata> services, Map<String, Integer> poolSizes)
            throws SQLException {
        List<String> broken = new ArrayList<>();
        services.forEach((login, metadata) -> {
            if (metadata.openHandles() != 0) {
                broken.add(login + " has " + metadata.openHandles() + " handles open");
            }
        });
        Map<String, Integer> sessions = new HashMap<>();
        query("soakSessions", row -> {
            int count = Integer.parseInt(row[2]);
            sessions.merge(row[0], count, Integer::sum);
            if (!poolSizes.containsKey(row[0])) {
                broken.add(count + " session(s) of " + row[0] + ", which has no pool, " + row[1]);
            } else if (!row[1].equals("idle")) {
                broken.add(count + " session(s) of " + row[0] + " " + row[1] + ", not idle in the pool");
            }
        });
        sessions.forEach((login, count) -> {
            Integer most = poolSizes.get(login);
            if (most != null && count > most) {
                broken.add(login + " holds " + count + " sessions, more than its pool's " + most);
            }
        });
        return new SoakCheck("no connection leaked: no handle open, only the pools' idle sessions on the server "
                + sessions, sessions.values().stream().mapToInt(Integer::intValue).sum() + services.size(),
                broken.size(), broken);
    }

    /** The heap in use after a full collection, against a bound. */
    static SoakCheck heap(long limitBytes) {
        long used = heapAfterFullGc();
        return new SoakCheck(String.format("the heap after a full GC, %,d MB, is within %,d MB", used >> 20,
                limitBytes >> 20), 1, used > limitBytes ? 1 : 0, List.of(String.format("%,d bytes in use", used)));
    }

    static long heapAfterFullGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private Map<UUID, String[]> jobs() throws SQLException {
        Map<UUID, String[]> jobs = new HashMap<>();
        query("soakJobs", row -> jobs.put(UUID.fromString(row[0]), row));
        return jobs;
    }

    private static String bool(String column) {
        return column == null ? "null" : String.valueOf(column.equals("t"));
    }

    private long single(String name) throws SQLException {
        long[] value = new long[1];
        query(name, row -> value[0] = Long.parseLong(row[0]));
        return value[0];
    }

    private void query(String name, RowHandler handler) throws SQLException {
        try (Connection connection = owner.getConnection();
             PreparedStatement statement = connection.prepareStatement(BenchSql.load(name));
             ResultSet rows = statement.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                String[] values = new String[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = rows.getString(i + 1);
                }
                handler.row(values);
            }
        }
    }
}
