/**
 * The public API of the buildsrs metadata database.
 *
 * <p>{@link rs.builds.database.Metadata} opens {@link rs.builds.database.ReadHandle}s and
 * {@link rs.builds.database.WriteHandle}s; values are records; every failure is a
 * {@link rs.builds.database.DatabaseException}: {@link rs.builds.database.NotFoundException},
 * {@link rs.builds.database.ConflictException}, {@link rs.builds.database.InvalidInputException},
 * {@link rs.builds.database.PermissionDeniedException} or {@link rs.builds.database.DatabaseUnavailableException}.
 */
package rs.builds.database;
