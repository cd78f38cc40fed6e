package rs.builds.database.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rs.builds.database.temp.TempDatabase;

/** The system's pgbench against a database on the same server, as the baseline for claim throughput. */
final class PgBench {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private PgBench() {
    }

    /** @return transactions per second of {@code pgbench -N} (simple updates) with {@code clients} clients */
    static double simpleUpdateTps(TempDatabase database, int clients, int seconds) throws IOException, InterruptedException {
        initialize(database);
        return simpleUpdateTps(database, database.host(), database.port(), clients, seconds);
    }

    /** Creates pgbench's tables (scale 10) in the database, directly. */
    static void initialize(TempDatabase database) throws IOException, InterruptedException {
        run(database, command(database, database.host(), database.port(), "-i", "-q", "-s", "10"));
    }

    /**
     * @param host where pgbench connects, e.g. a pooler in front of the database's server
     * @param port its port
     * @return transactions per second of {@code pgbench -N} on an {@linkplain #initialize initialized} database
     */
    static double simpleUpdateTps(TempDatabase database, String host, int port, int clients, int seconds)
            throws IOException, InterruptedException {
        String output = run(database, command(database, host, port, "-N", "-n", "-c", Integer.toString(clients), "-j",
                "2", "-T", Integer.toString(seconds)));
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IOException("no tps in pgbench output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /**
     * Claims through pgbench calling the claim function directly: the server's own limit for claims, with no
     * JVM in the way. Leaves the claimed jobs behind.
     */
    static double claimTps(TempDatabase database, int clients, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("pgbench-claim", ".sql");
        try {
            Files.writeString(script, BenchSql.load("pgbenchClaim"));
            String output = run(database, command(database, database.host(), database.port(), "-n", "-f", script.toString(), "-c",
                    Integer.toString(clients), "-j", "2", "-T", Integer.toString(seconds)));
            Matcher matcher = TPS.matcher(output);
            if (!matcher.find()) {
                throw new IOException("no tps in pgbench output:\n" + output);
            }
            return Double.parseDouble(matcher.group(1));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static List<String> command(TempDatabase database, String host, int port, String... args) {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", host, "-p", Integer.toString(port), "-U",
                database.user()));
        command.addAll(List.of(args));
        command.add(database.name());
        return command;
    }

    private static String run(TempDatabase database, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (database.password() != null) {
            builder.environment().put("PGPASSWORD", database.password());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed:\n" + output);
        }
        return output;
    }
}
