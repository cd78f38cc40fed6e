/**
 * Temporary, fully migrated PostgreSQL databases for tests.
 *
 * <p>{@link rs.builds.database.temp.TempDatabase} creates one; {@link rs.builds.database.temp.TempDatabaseExtension}
 * injects them into JUnit 5 tests and keeps the database of a failed test for inspection.
 */
package rs.builds.database.temp;
