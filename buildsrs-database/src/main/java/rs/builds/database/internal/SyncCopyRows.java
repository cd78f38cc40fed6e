package rs.builds.database.internal;

import rs.builds.database.IndexEntry;

/**
 * The rows a sync sends by COPY, in COPY's text format ({@link CopyText}), each in the column order of the statement
 * that takes it: a method here and the column list of its statement change together ({@code SyncCopyRowsTest} loads
 * a row of each kind through its statement and reads it back by column name).
 *
 * <p>The online sync sends two kinds of rows to {@code sync_staging} (syncPrepareTables.sql, syncCopy.sql): an input
 * row, and after each group of consecutive input rows of a crate one group row, whose version is
 * {@link #GROUP_ROW_VERSION}. A sync into empty tables ({@link SyncIntoEmpty}) sends rows of crate_versions, crates
 * and crate_sync_digests, numbered by the client.
 */
final class SyncCopyRows {
    /**
     * The version of a group row in {@code sync_staging}: the empty string, which no input row has ({@link
     * rs.builds.database.Names#version} refuses it, and crate_versions' {@code CHECK (version <> '')} of V1 and the
     * version rule of V10 keep it out of the stored versions, which the staging rows are joined with). The SQL of
     * {@link SyncDao} tells group rows from input rows by it ({@code version = ''}, {@code version <> ''}), each use
     * marked by a comment naming this constant; {@code SyncCopyRowsTest} fails on a use without one.
     */
    static final String GROUP_ROW_VERSION = "";

    private SyncCopyRows() {
    }

    /** syncCopy.sql: an input row, no group columns. */
    static void inputRow(StringBuilder out, IndexEntry row) {
        CopyText.append(out, row.crate()).append('\t');
        CopyText.append(out, row.version()).append('\t').append(row.checksum()).append('\t')
                .append(row.yanked() ? 't' : 'f').append("\t\\N\t\\N\t\\N\n");
    }

    /**
     * syncCopy.sql: the group row after a group of rows of one crate.
     *
     * @param rows how many rows the group had, sent or not
     * @param skipped whether its digest is stored, and so its rows were not sent
     * @param digest its digest to store, or {@code null} (none made, or stored already)
     */
    static void groupRow(StringBuilder out, String crate, long rows, boolean skipped, byte[] digest) {
        CopyText.append(out, crate).append('\t').append(GROUP_ROW_VERSION).append("\t\\N\t\\N\t").append(rows)
                .append('\t').append(skipped ? 't' : 'f').append('\t');
        if (digest == null) {
            out.append("\\N");
        } else {
            CopyText.appendBytea(out, digest);
        }
        out.append('\n');
    }

    /** syncBulkVersions.sql: a row of crate_versions. */
    static void version(StringBuilder out, long id, long crate, IndexEntry row) {
        out.append(id).append('\t').append(crate).append('\t');
        CopyText.append(out, row.version()).append('\t').append(row.checksum()).append('\t')
                .append(row.yanked() ? 't' : 'f').append('\n');
    }

    /** syncBulkCrates.sql: a row of crates. */
    static void crate(StringBuilder out, long id, String name) {
        CopyText.append(out.append(id).append('\t'), name).append('\n');
    }

    /** syncBulkDigests.sql: a row of crate_sync_digests. */
    static void digest(StringBuilder out, long crate, byte[] digest) {
        CopyText.appendBytea(out.append(crate).append('\t'), digest).append('\n');
    }
}
