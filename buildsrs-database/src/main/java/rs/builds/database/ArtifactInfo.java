package rs.builds.database;

import java.util.UUID;

/**
 * An artifact uploaded by a job.
 *
 * @param id the artifact's identifier, for download counts
 * @param job the job that produced it
 * @param name its name, unique within the job
 * @param hash hash of its content
 * @param size size in bytes
 * @param signature signature over it
 * @param downloads total downloads counted
 */
public record ArtifactInfo(long id, UUID job, String name, String hash, long size, String signature, long downloads) {
}
