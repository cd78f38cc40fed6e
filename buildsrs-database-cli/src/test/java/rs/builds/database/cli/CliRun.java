package rs.builds.database.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import rs.builds.database.temp.TempDatabase;

/** The outcome of one in-process CLI run: exit code, stdout and stderr, asserted together by tests. */
record CliRun(int exit, String out, String err) {
    static CliRun run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Cli(o, e, environment::get).run(args);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs a command line against a database: {@code --database-postgres URL args...}. */
    static CliRun on(TempDatabase database, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--database-postgres";
        all[1] = database.jdbcUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(Map.of(), all);
    }

    /** Parses stdout as one JSON document, failing the test if it is not exactly that. */
    JsonNode json() {
        try {
            return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(out);
        } catch (JsonProcessingException e) {
            throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + out, e);
        }
    }
}
