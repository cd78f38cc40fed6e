package rs.builds.database;

import java.time.LocalDate;

/**
 * Downloads of an artifact on one day.
 *
 * @param date the day (UTC)
 * @param downloads downloads counted that day
 */
public record DailyDownloads(LocalDate date, long downloads) {
}
