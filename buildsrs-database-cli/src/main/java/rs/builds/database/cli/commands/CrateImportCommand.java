package rs.builds.database.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;
import rs.builds.database.ChecksumConflict;
import rs.builds.database.ChecksumConflictException;
import rs.builds.database.Metadata;
import rs.builds.database.SyncOptions;
import rs.builds.database.SyncSummary;
import rs.builds.database.VersionKey;
import rs.builds.database.WriteHandle;
import rs.builds.database.cli.Cli;
import rs.builds.database.cli.Command;
import rs.builds.database.cli.CommandFailedException;
import rs.builds.database.cli.Json;
import rs.builds.database.cli.Session;
import rs.builds.database.cli.TextTable;

/**
 * {@code crate import PATH}: brings crates and versions in line with a local copy of the crates.io index, in one
 * transaction. The index is parsed as the sync streams it to the database, so memory does not grow with it.
 */
public final class CrateImportCommand extends Command {
    /** Examples of rejected and missing versions the table shows (the JSON has all the summary has). */
    private static final int TABLE_EXAMPLES = 5;

    @Argument(metaVar = "PATH", required = true,
            usage = "a copy of the crates.io index (the whole directory, or one crate's file of it)")
    private String path;

    @Option(name = "--skip-invalid", usage = "import the valid lines when some are malformed (each is reported);"
            + " by default any malformed line makes the import fail with nothing imported")
    private boolean skipInvalid;

    @Option(name = "--partial", usage = "the directory holds some crates' files, not the whole index: crates and"
            + " versions it lacks are not reported missing (a single file always counts as partial)")
    private boolean partial;

    @Option(name = "--lenient", usage = "skip and report versions whose checksum changed, instead of failing")
    private boolean lenient;

    @Option(name = "--json", usage = Json.OPTION_USAGE)
    private boolean json;

    /** Made by args4j. */
    public CrateImportCommand() {
    }

    @Override
    public String description() {
        return "import crates and versions from a local copy of the crates.io index";
    }

    @Override
    public int run(Session session) throws Exception {
        Path index = Path.of(path);
        if (!Files.exists(index)) {
            throw CommandFailedException.notFound("'" + path + "' does not exist: give a copy of the crates.io index"
                    + " (a directory) or one file of it");
        }
        if (new IndexReader.SortedWalk(index).next() == null) {
            throw CommandFailedException.notFound("no index files found in '" + path + "': a copy of the crates.io"
                    + " index has each crate's file where the index layout puts it (1/a, 2/ab, 3/a/abc,"
                    + " se/rd/serde); give its top directory, or one crate's file");
        }
        // a directory is the whole index unless --partial, so what it lacks is reported missing; a file only covers
        // its crates
        SyncOptions options = Files.isDirectory(index) && !partial ? SyncOptions.completeIndex()
                : SyncOptions.partial();
        if (lenient) {
            options = options.lenient();
        }
        Metadata metadata = session.metadata();
        // the transaction rolls back when the JVM ends uncommitted
        session.onInterrupt("interrupted; nothing was imported");
        SyncSummary summary;
        long malformed;
        long yanked;
        try (ImportProgress progress = ImportProgress.stderrIsTerminal()
                ? ImportProgress.bar(session.err(), IndexReader.size(index)) : ImportProgress.lines(session.err());
             IndexReader rows = new IndexReader(index, progress, skipInvalid);
             WriteHandle write = metadata.write()) {
            try {
                summary = write.sync(rows, options);
            } catch (ChecksumConflictException e) {
                long count = e.count();
                throw new CommandFailedException(count + " version" + (count == 1 ? "" : "s") + " changed "
                        + (count == 1 ? "its" : "their") + " checksum, which a published crate never does; nothing"
                        + " was imported. First: " + e.conflicts().get(0) + (count > 1 ? " (and " + (count - 1)
                        + " more)" : "") + ". Pass --lenient to skip them and import the rest.", e);
            }
            session.commit(write, "interrupted after the import was committed");
            malformed = rows.malformed();
            yanked = rows.yanked();
        }
        if (malformed > 0) {
            session.err().println("skipped " + IndexReader.malformedLines(malformed) + " and imported the rest");
        }
        if (json) {
            Json.print(session.out(), json(summary, yanked, malformed));
        } else {
            print(session, summary, yanked, malformed);
        }
        return Cli.OK;
    }

    private static void print(Session session, SyncSummary summary, long yanked, long malformed) {
        TextTable.withoutHeader(2)
                .row("rows", summary.rows())
                .row("rows yanked", yanked)
                .row("crates added", summary.cratesAdded())
                .row("versions added", summary.versionsAdded())
                .row("became yanked", summary.versionsYanked())
                .row("became unyanked", summary.versionsUnyanked())
                .row("unchanged", summary.unchanged())
                .row("rejected", summary.rejected())
                .row("missing crates", summary.missingCrates())
                .row("missing versions", summary.missingVersions())
                .row("malformed lines", malformed)
                .print(session.out());
        examples(session, "rejected (checksum changed)", summary.rejected(), summary.rejectedExamples(),
                new TextTable("CRATE", "VERSION", "STORED", "OFFERED"),
                (table, conflict) -> table.row(conflict.crate(), conflict.version(), conflict.stored(), conflict.offered()));
        examples(session, "missing crates", summary.missingCrates(), summary.missingCrateExamples(),
                new TextTable("CRATE"), (table, crate) -> table.row(crate));
        examples(session, "missing versions", summary.missingVersions(), summary.missingVersionExamples(),
                new TextTable("CRATE", "VERSION"), (table, key) -> table.row(key.crate(), key.version()));
    }

    private static <T> void examples(Session session, String title, long count, List<T> examples, TextTable table,
                                     BiConsumer<TextTable, T> row) {
        if (examples.isEmpty()) {
            return;
        }
        int shown = Math.min(TABLE_EXAMPLES, examples.size());
        session.out().println();
        session.out().println(title + (count > shown ? " (first " + shown + " of " + count + ")" : "") + ":");
        examples.subList(0, shown).forEach(example -> row.accept(table, example));
        table.print(session.out());
    }

    private static ObjectNode json(SyncSummary summary, long yanked, long malformed) {
        ObjectNode node = Json.object()
                .put("rows", summary.rows())
                .put("rowsYanked", yanked)
                .put("cratesAdded", summary.cratesAdded())
                .put("versionsAdded", summary.versionsAdded())
                .put("versionsBecameYanked", summary.versionsYanked())
                .put("versionsBecameUnyanked", summary.versionsUnyanked())
                .put("unchanged", summary.unchanged())
                .put("rejected", summary.rejected())
                .put("missingCrates", summary.missingCrates())
                .put("missingVersions", summary.missingVersions())
                .put("malformedLines", malformed);
        ArrayNode rejected = node.putArray("rejectedExamples");
        for (ChecksumConflict conflict : summary.rejectedExamples()) {
            rejected.addObject().put("crate", conflict.crate()).put("version", conflict.version())
                    .put("stored", conflict.stored()).put("offered", conflict.offered());
        }
        ArrayNode crates = node.putArray("missingCrateExamples");
        summary.missingCrateExamples().forEach(crates::add);
        ArrayNode versions = node.putArray("missingVersionExamples");
        for (VersionKey key : summary.missingVersionExamples()) {
            versions.addObject().put("crate", key.crate()).put("version", key.version());
        }
        return node;
    }
}
