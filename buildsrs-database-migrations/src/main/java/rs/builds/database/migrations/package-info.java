/**
 * Applies, reports and validates the versioned schema migrations kept in the project's {@code sql/migrations}
 * folder. Start at {@link rs.builds.database.migrations.Migrations}.
 */
package rs.builds.database.migrations;
