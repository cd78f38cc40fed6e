package rs.builds.database;

/**
 * One line of a job's log.
 *
 * @param stage the stage the job was in when the line was written
 * @param line the text, without line terminator
 */
public record JobLogLine(JobStage stage, String line) {
}
