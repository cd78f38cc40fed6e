/**
 * Temporary, fully migrated PostgreSQL databases for tests.
 *
 * <p>{@link rs.builds.database.temp.TempDatabase} creates one; {@link rs.builds.database.temp.TempDatabaseExtension}
 * injects them into JUnit 5 tests and keeps the database of a failed test for inspection;
 * {@link rs.builds.database.temp.TempStandby} is a streaming hot standby of the embedded server, for replica tests.
 */
package rs.builds.database.temp;
