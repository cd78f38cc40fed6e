package rs.builds.database;

import java.time.LocalDate;

/**
 * Downloads of an artifact on one day, to add to what is stored.
 *
 * @param artifact the artifact's id ({@link ArtifactInfo#id()})
 * @param date the day (UTC)
 * @param count downloads to add, at least 0
 */
public record DownloadCount(long artifact, LocalDate date, long count) {
}
